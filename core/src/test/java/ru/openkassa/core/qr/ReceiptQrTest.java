package ru.openkassa.core.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.tlv.Hex;
import ru.openkassa.core.tlv.TlvReader;

/** Public examples from shared/reference/cloud-fiscal-apis-and-ffd.md §4.6. */
class ReceiptQrTest {

    private static final ReceiptQr QR_FNS_EXAMPLE = new ReceiptQr(LocalDateTime.of(2019, 4, 18, 21, 16, 55),
            Money.ofKopecks(394_326), "9282000100072197", 64_318, 2_918_241_905L, 1);

    @Test
    void readsTheExampleWithSeconds() {
        // qr-fns README
        assertThat(ReceiptQr.parse("t=20190418T211655&s=3943.26&fn=9282000100072197&i=64318&fp=2918241905&n=1"))
                .isEqualTo(QR_FNS_EXAMPLE);
    }

    @Test
    void writesMinutePrecision() {
        assertThat(QR_FNS_EXAMPLE.toQrString())
                .isEqualTo("t=20190418T2116&s=3943.26&fn=9282000100072197&i=64318&fp=2918241905&n=1");
    }

    @Test
    void readsWhatItWrites() {
        ReceiptQr minutes = new ReceiptQr(LocalDateTime.of(2019, 4, 18, 21, 16), Money.ofKopecks(394_326),
                "9282000100072197", 64_318, 2_918_241_905L, 1);
        assertThat(ReceiptQr.parse(minutes.toQrString())).isEqualTo(minutes);
    }

    @Test
    void readsKeysInAnyOrder() {
        // ATOL Online ofd_receipt_url query (ATOL protocol v4 doc 5.15)
        ReceiptQr atol = ReceiptQr.parse("fn=9288000100014915&fp=3004144185&i=108&t=20180522T122800&s=4500.00&n=1");

        assertThat(atol.dateTime()).isEqualTo(LocalDateTime.of(2018, 5, 22, 12, 28));
        assertThat(atol.sum()).isEqualTo(Money.ofKopecks(450_000));
        assertThat(atol.fnNumber()).isEqualTo("9288000100014915");
        assertThat(atol.fdNumber()).isEqualTo(108);
        assertThat(atol.fiscalSign()).isEqualTo(3_004_144_185L);
        assertThat(atol.operation()).isEqualTo(1);
    }

    @Test
    void sumsMayHaveFewerDecimals() {
        assertThat(ReceiptQr.parse("t=20190418T2116&s=45&fn=9282000100072197&i=1&fp=1&n=2").sum()).isEqualTo(Money.ofKopecks(4_500));
        assertThat(ReceiptQr.parse("t=20190418T2116&s=45.5&fn=9282000100072197&i=1&fp=1&n=2").sum()).isEqualTo(Money.ofKopecks(4_550));
    }

    @Test
    void isMadeFromARealReceiptAsItsQrCodeWouldBe() {
        // resources/ffd: FNS JSON dateTime 1576430400, totalSum 68428, FD 37698, fiscalSign 400388056
        byte[] raw = Hex.resource("/ffd/fns-receipt-9285000100150175-37698.hex");
        ReceiptQr qr = ReceiptQr.of(FiscalDocumentTlv.of(new TlvReader(raw).next()));

        assertThat(qr.toQrString()).isEqualTo("t=20191215T1720&s=684.28&fn=9285000100150175&i=37698&fp=400388056&n=1");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "s=3943.26&fn=9282000100072197&i=64318&fp=2918241905&n=1 | missing key 't'",
        "t=20190418T2116&t=20190418T2116&s=1&fn=9282000100072197&i=1&fp=1&n=1 | key 't' given twice",
        "t=20190418T2116&s=1&fn=9282000100072197&i=1&fp=1&n=1&x=2 | unknown key 'x'",
        "t=20190418T2116&s=1&fn=9282000100072197&i=1&fp=1&n | not a key=value pair: 'n'",
        "t=2019-04-18T21:16&s=1&fn=9282000100072197&i=1&fp=1&n=1 | t must be yyyyMMddTHHmm or yyyyMMddTHHmmss",
        "t=20190431T2116&s=1&fn=9282000100072197&i=1&fp=1&n=1 | t is not a valid date-time",
        "t=20190418T2116&s=1.005&fn=9282000100072197&i=1&fp=1&n=1 | s must be roubles with up to 2 decimals",
        "t=20190418T2116&s=1,50&fn=9282000100072197&i=1&fp=1&n=1 | s must be roubles with up to 2 decimals",
        "t=20190418T2116&s=1&fn=928200010007219&i=1&fp=1&n=1 | fn must be 16 digits",
        "t=20190418T2116&s=1&fn=9282000100072197&i=0&fp=1&n=1 | i (FD number) must be at least 1",
        "t=20190418T2116&s=1&fn=9282000100072197&i=1&fp=4294967296&n=1 | fp must be a number 0..4294967295",
        "t=20190418T2116&s=1&fn=9282000100072197&i=1&fp=-5&n=1 | fp must be a number",
        "t=20190418T2116&s=1&fn=9282000100072197&i=1&fp=1&n=5 | n (1054) must be 1..4",
    })
    void namesWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ReceiptQr.parse(text)).isInstanceOf(QrFormatException.class).hasMessageContaining(message);
    }

    @Test
    void refusesAnEmptyString() {
        assertThatThrownBy(() -> ReceiptQr.parse("")).isInstanceOf(QrFormatException.class).hasMessage("empty QR string");
        assertThatThrownBy(() -> ReceiptQr.parse(null)).isInstanceOf(QrFormatException.class);
    }
}
