package ru.openkassa.core.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.openkassa.core.tlv.Hex.bytes;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Vectors marked "yandex/ofd" are from {@code tests/unit/test_protocol.py} of github:yandex/ofd;
 * those marked "FNS receipt" are bytes of the real receipt in
 * {@code resources/ffd/fns-receipt-9285000100150175-37698.hex} (see SOURCES.md there).
 */
class WireTypeTest {

    @Nested
    class OneByte {

        @Test
        void readsAndWritesOneByte() {
            // yandex/ofd TestByte
            assertThat(UInt8.TYPE.decode(bytes("03"))).isEqualTo(3);
            assertThat(UInt8.TYPE.encode(3)).containsExactly(bytes("03"));
            assertThat(UInt8.TYPE.encode(255)).containsExactly(bytes("ff"));
        }

        @Test
        void refusesValuesAndLengthsThatAreNotOneByte() {
            assertThatThrownBy(() -> UInt8.TYPE.encode(256)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> UInt8.TYPE.encode(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> UInt8.TYPE.decode(bytes("0304"))).isInstanceOf(TlvFormatException.class);
            assertThatThrownBy(() -> UInt8.TYPE.decode(new byte[0])).isInstanceOf(TlvFormatException.class);
        }
    }

    @Nested
    class Unsigned16 {

        @Test
        void isLittleEndianUpTo65535() {
            // The container length of the yandex/ofd unit test, 305, is "31 01".
            assertThat(UInt16.TYPE.encode(305)).containsExactly(bytes("3101"));
            assertThat(UInt16.TYPE.decode(bytes("ffff"))).isEqualTo(65_535);
            assertThatThrownBy(() -> UInt16.TYPE.encode(65_536)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Unsigned32 {

        @Test
        void readsLittleEndian() {
            // yandex/ofd TestU32
            assertThat(UInt32.TYPE.decode(bytes("01000000"))).isEqualTo(1L);
            // FNS receipt: FD number 37698 is "42 93 00 00"
            assertThat(UInt32.TYPE.decode(bytes("42930000"))).isEqualTo(37_698L);
        }

        @Test
        void coversZeroToTwoToTheThirtyTwoMinusOne() {
            assertThat(UInt32.TYPE.encode(0L)).containsExactly(bytes("00000000"));
            assertThat(UInt32.TYPE.encode(4_294_967_295L)).containsExactly(bytes("ffffffff"));
            assertThat(UInt32.TYPE.decode(bytes("ffffffff"))).isEqualTo(4_294_967_295L);
            assertThatThrownBy(() -> UInt32.TYPE.encode(4_294_967_296L)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> UInt32.TYPE.encode(-1L)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void isAlwaysFourBytes() {
            assertThatThrownBy(() -> UInt32.TYPE.decode(bytes("010000"))).isInstanceOf(TlvFormatException.class);
        }
    }

    @Nested
    class VariableLength {

        @Test
        void readsLittleEndianOfAnyLengthUpToTheMaximum() {
            // yandex/ofd TestVLN.test_unpack
            assertThat(new Vln(3).decode(bytes("e92d06"))).isEqualTo(404_969L);
            // yandex/ofd test_pack_when_max_length_less_8_bytes
            assertThat(new Vln(6).decode(bytes("31040001f04f"))).isEqualTo(87_892_227_523_633L);
        }

        @Test
        void writesTheShortestFormAsFiscalDrivesDo() {
            // FNS receipt: total 684.28 is "4c 0b 01", a zero cash sum is one byte "00"
            assertThat(Vln.SUM.encode(68_428L)).containsExactly(bytes("4c0b01"));
            assertThat(Vln.SUM.encode(0L)).containsExactly(bytes("00"));
            assertThat(Vln.SUM.encode(16_460L)).containsExactly(bytes("4c40"));
        }

        @Test
        void readsZeroPaddedForms() {
            assertThat(Vln.SUM.decode(bytes("4c0b01000000"))).isEqualTo(68_428L);
        }

        @Test
        void refusesWhatDoesNotFitTheMaximum() {
            // yandex/ofd test_pack_when_number_greater_then_max
            assertThatThrownBy(() -> new Vln(6).encode(87_892_227_523_633_222L)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Vln.SUM.encode(Vln.SUM.maxValue())).containsExactly(bytes("ffffffffffff"));
            assertThatThrownBy(() -> Vln.SUM.encode(Vln.SUM.maxValue() + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Vln.SUM.decode(bytes("01000000000000"))).isInstanceOf(TlvFormatException.class);
            assertThatThrownBy(() -> Vln.SUM.decode(new byte[0])).isInstanceOf(TlvFormatException.class);
            assertThatThrownBy(() -> Vln.SUM.encode(-1L)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void eightBytesHoldEveryNonNegativeLong() {
            Vln eight = new Vln(8);
            assertThat(eight.decode(eight.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
            assertThatThrownBy(() -> eight.decode(bytes("ffffffffffffffff"))).isInstanceOf(TlvFormatException.class);
        }
    }

    @Nested
    class VariableLengthDecimal {

        @Test
        void readsThePointPositionThenTheDigits() {
            // yandex/ofd TestFVLN.test_unpack / test_pack_two_points
            assertThat(new Fvln(5).decode(bytes("0215cd5b07"))).isEqualTo(new BigDecimal("1234567.89"));
            assertThat(new Fvln(5).encode(new BigDecimal("1234567.89"))).containsExactly(bytes("0215cd5b07"));
            // FNS receipt: quantity 1 is "00 01"
            assertThat(Fvln.QUANTITY.decode(bytes("0001"))).isEqualTo(BigDecimal.ONE);
        }

        @Test
        void readsTheZeroPaddedFormYandexWrites() {
            // yandex/ofd test_pack_several_points packs 1453.67 into all 8 bytes
            assertThat(Fvln.QUANTITY.decode(bytes("02d7370200000000"))).isEqualByComparingTo("1453.67");
            assertThat(Fvln.QUANTITY.encode(new BigDecimal("1453.67"))).containsExactly(bytes("02d73702"));
        }

        @Test
        void writesQuantitiesWithoutTrailingZeros() {
            assertThat(Fvln.QUANTITY.encode(new BigDecimal("1.000"))).containsExactly(bytes("0001"));
            assertThat(Fvln.QUANTITY.encode(new BigDecimal("0.300"))).containsExactly(bytes("0103"));
            assertThat(Fvln.QUANTITY.encode(new BigDecimal("99999.999"))).containsExactly(bytes("03ffe0f505"));
            assertThat(Fvln.QUANTITY.encode(BigDecimal.ZERO)).containsExactly(bytes("0000"));
            assertThat(Fvln.QUANTITY.encode(new BigDecimal("1E+2"))).containsExactly(bytes("0064"));
        }

        @Test
        void refusesWhatDoesNotFit() {
            // yandex/ofd test_pack_bigger_number_should_raise_error
            assertThatThrownBy(() -> new Fvln(5).encode(new BigDecimal("1234567123.893"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Fvln.QUANTITY.encode(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Fvln.QUANTITY.decode(bytes("02"))).isInstanceOf(TlvFormatException.class);
        }
    }

    @Nested
    class Cp866 {

        @Test
        void readsAndWritesCyrillicInCodePage866() {
            // yandex/ofd TestString
            assertThat(new Cp866String(4).decode(bytes("92a5e1e2"))).isEqualTo("Тест");
            assertThat(new Cp866String(4).encode("Тест")).containsExactly(bytes("92a5e1e2"));
        }

        @Test
        void writesYoAndTheNumeroSign() {
            // Code page 866: Ё f0, ё f1, № fc; the FNS receipt's address has "дом № 1" as "a4 ae ac 20 fc 20 31".
            assertThat(new Cp866String(16).encode("Ёлка ёж")).containsExactly(bytes("f0abaaa020f1a6"));
            assertThat(new Cp866String(16).decode(bytes("a4aeac20fc2031"))).isEqualTo("дом № 1");
        }

        @Test
        void acceptsExactlyTheMaximumLength() {
            Cp866String twelve = new Cp866String(12);
            assertThat(twelve.encode("7702203276  ")).hasSize(12);
            assertThatThrownBy(() -> twelve.encode("7702203276   ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> twelve.decode(new byte[13])).isInstanceOf(TlvFormatException.class);
        }

        @Test
        void readsAnEmptyString() {
            assertThat(new Cp866String(4).decode(new byte[0])).isEmpty();
        }

        @Test
        void refusesCharactersCodePage866Lacks() {
            assertThatThrownBy(() -> new Cp866String(64).encode("Кофе 5 €")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Cp866String(64).encode("Crème brûlée")).isInstanceOf(IllegalArgumentException.class);
            assertThat(Cp866String.canEncode("Молоко 3,2%")).isTrue();
            assertThat(Cp866String.canEncode("🙂")).isFalse();
        }
    }

    @Nested
    class Time {

        @Test
        void readsSecondsSinceEpochAsLocalTime() {
            // yandex/ofd TestUnix: 8a 02 9e 55 is 1436418698
            assertThat(UnixTime.TYPE.decode(bytes("8a029e55"))).isEqualTo(LocalDateTime.of(2015, 7, 9, 5, 11, 38));
            // FNS receipt: 40 6b f6 5d is 1576430400, the JSON's dateTime, printed 15.12.2019 17:20
            assertThat(UnixTime.TYPE.decode(bytes("406bf65d"))).isEqualTo(LocalDateTime.of(2019, 12, 15, 17, 20));
            assertThat(UnixTime.TYPE.encode(LocalDateTime.of(2019, 12, 15, 17, 20))).containsExactly(bytes("406bf65d"));
        }

        @Test
        void refusesTimesBeyondFourBytes() {
            assertThatThrownBy(() -> UnixTime.TYPE.encode(LocalDateTime.of(2106, 2, 8, 0, 0))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> UnixTime.TYPE.encode(LocalDateTime.of(1969, 12, 31, 23, 59))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ByteArrays {

        @Test
        void keepBytesAsTheyAre() {
            Bytes six = Bytes.exactly(6);
            assertThat(six.decode(bytes("310417dd6fd8"))).containsExactly(bytes("310417dd6fd8"));
            assertThatThrownBy(() -> six.decode(bytes("310417dd6f"))).isInstanceOf(TlvFormatException.class);
            assertThatThrownBy(() -> Bytes.upTo(2).encode(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
