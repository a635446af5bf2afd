package ru.openkassa.core.ffd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.openkassa.core.tlv.Hex.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FiscalSignTest {

    @Test
    void printsBytesTwoToFiveAsABigEndianNumber() {
        // A real receipt (resources/ffd, SOURCES.md): 1077 is 31 04 17 dd 6f d8 and the FNS JSON
        // of the same receipt says fiscalSign 400388056.
        assertThat(new FiscalSign(bytes("310417dd6fd8")).printed()).isEqualTo(400_388_056L);
    }

    @Test
    void followsYandexExtractFiscalSignForPrint() {
        // yandex/ofd tests: the receipt of test_pack_from_eng_json carries fiscalSign 140323280847921
        // (the 6 bytes read as a VLN) in one version and 1334812543 (as printed) in the next.
        FiscalSign sign = FiscalSign.fromVln(140_323_280_847_921L);
        assertThat(sign.bytes()).containsExactly(bytes("31044f8f9f7f"));
        assertThat(sign.printed()).isEqualTo(1_334_812_543L);
        assertThat(sign.asVln()).isEqualTo(140_323_280_847_921L);
    }

    @Test
    void isSixBytesInTheTlv() {
        // yandex/ofd test_pack_when_max_length_less_8_bytes: fiscalSign 87892227523633 packs to b'1\x04\x00\x01\xf0O'
        assertThat(FiscalSign.fromVln(87_892_227_523_633L).bytes()).containsExactly(bytes("31040001f04f"));
        assertThatThrownBy(() -> new FiscalSign(new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FiscalSign.fromVln(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printedValueReachesTenDigits() {
        assertThat(new FiscalSign(bytes("0000ffffffff")).printed()).isEqualTo(4_294_967_295L);
        assertThat(new FiscalSign(bytes("ffff00000000")).printed()).isZero();
    }

    @Test
    void virtualFnSignIsTruncatedHmacSha256() {
        // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?") = 5bdcc146bf60754e…
        FiscalSign sign = FiscalSign.compute("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(sign.bytes()).containsExactly(bytes("5bdcc146bf60"));
        assertThat(sign.printed()).isEqualTo(0xc146bf60L);
    }

    @Test
    void verifiesOnlyTheSameDocumentWithTheSameSecret() {
        byte[] secret = bytes("000102030405060708090a0b0c0d0e0f");
        byte[] document = bytes("03000800 1004 0400 01000000");
        FiscalSign sign = FiscalSign.compute(secret, document);

        assertThat(sign.verify(secret, document)).isTrue();
        byte[] changed = document.clone();
        changed[changed.length - 4] = 2;
        assertThat(sign.verify(secret, changed)).isFalse();
        assertThat(sign.verify(bytes("ff"), document)).isFalse();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> FiscalSign.compute(new byte[0], new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
