package ru.openkassa.core.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.openkassa.core.tlv.Hex.bytes;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected bytes from yandex/ofd {@code tests/unit/test_protocol.py}, class TestProtocolPack. */
class TlvTest {

    @Test
    void writesTagAndLengthLittleEndianBeforeTheValue() {
        // test_pack_byte_from_json: struct.pack('<HHc', 1022, 1, 42)
        byte[] written = new TlvWriter().add(1022, UInt8.TYPE, 42).toByteArray();
        assertThat(written).containsExactly(bytes("fe0301002a"));
    }

    @Test
    void nestsTlvsInsideAnStlv() {
        // test_pack_nested_array_from_json: 1047 {1015: U32 42}
        byte[] written = new TlvWriter()
                .add(1047, new Stlv(144), List.of(Tlv.of(1015, UInt32.TYPE, 42L)))
                .toByteArray();
        assertThat(written).containsExactly(bytes("1704 0800 f703 0400 2a000000"));
    }

    @Test
    void nestsThreeLevelsDeep() {
        // test_pack_nested_object_from_json: 7 {1068 {1047 {1015: 42}}}
        Tlv inner = Tlv.of(1047, new Stlv(144), List.of(Tlv.of(1015, UInt32.TYPE, 42L)));
        Tlv message = Tlv.of(1068, new Stlv(169), List.of(inner));
        byte[] written = Tlv.of(7, new Stlv(512), List.of(message)).toBytes();
        assertThat(written).containsExactly(bytes("0700 1000 2c04 0c00 1704 0800 f703 0400 2a000000"));
    }

    @Test
    void repeatsATagForEachElement() {
        // test_pack_nested_array_from_json_several_items: two 1047 each with one 1015
        byte[] written = new TlvWriter()
                .add(1047, new Stlv(144), List.of(Tlv.of(1015, UInt32.TYPE, 42L)))
                .add(1047, new Stlv(144), List.of(Tlv.of(1015, UInt32.TYPE, 315L)))
                .toByteArray();
        assertThat(written).containsExactly(bytes("1704 0800 f703 0400 2a000000 1704 0800 f703 0400 3b010000"));
        assertThat(TlvReader.readAll(written)).extracting(Tlv::tag).containsExactly(1047, 1047);
    }

    @Test
    void readsBackWhatItWrote() {
        List<Tlv> tlvs = List.of(
                Tlv.of(1030, new Cp866String(128), "Молоко \"Весёлый молочник\""),
                Tlv.of(1023, Fvln.QUANTITY, new BigDecimal("1.5")),
                Tlv.of(1043, Vln.SUM, 15_000L),
                new Tlv(1162, new byte[0]));
        assertThat(TlvReader.readAll(TlvWriter.encode(tlvs))).isEqualTo(tlvs);
    }

    @Test
    void holdsTheLargestTagAndValue() {
        Tlv largest = new Tlv(65_535, new byte[65_535]);
        byte[] bytes = largest.toBytes();
        assertThat(bytes).hasSize(4 + 65_535);
        assertThat(bytes[0]).isEqualTo((byte) 0xff);
        assertThat(bytes[3]).isEqualTo((byte) 0xff);
        assertThat(TlvReader.readAll(bytes)).containsExactly(largest);
    }

    @Test
    void refusesTagsAndValuesBeyondSixteenBits() {
        assertThatThrownBy(() -> new Tlv(65_536, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tlv(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tlv(1, new byte[65_536])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsATruncatedHeaderOrValue() {
        assertThatThrownBy(() -> TlvReader.readAll(bytes("fe0301"))).isInstanceOf(TlvFormatException.class)
                .hasMessageContaining("truncated TLV header");
        assertThatThrownBy(() -> TlvReader.readAll(bytes("fe030200 2a"))).isInstanceOf(TlvFormatException.class)
                .hasMessageContaining("tag 1022").hasMessageContaining("declares 2 bytes, only 1 left");
    }

    @Test
    void leavesTheBytesAfterTheLastTlvItRead() {
        TlvReader reader = new TlvReader(bytes("fe0301002a 8106"));
        assertThat(reader.next()).isEqualTo(new Tlv(1022, bytes("2a")));
        assertThat(reader.remaining()).containsExactly(bytes("8106"));
    }

    @Test
    void namesTheTagWhoseValueIsMalformed() {
        Tlv twoBytes = new Tlv(1054, bytes("0102"));
        assertThatThrownBy(() -> twoBytes.decode(UInt8.TYPE)).isInstanceOf(TlvFormatException.class).hasMessageStartingWith("tag 1054");
    }

    @Test
    void comparesByValueNotByArrayIdentity() {
        assertThat(new Tlv(1, bytes("01"))).isEqualTo(new Tlv(1, bytes("01"))).hasSameHashCodeAs(new Tlv(1, bytes("01")));
        byte[] value = bytes("01");
        Tlv tlv = new Tlv(1, value);
        value[0] = 2;
        assertThat(tlv.value()).containsExactly(bytes("01"));
    }
}
