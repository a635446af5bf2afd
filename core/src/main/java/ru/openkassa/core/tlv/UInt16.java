package ru.openkassa.core.tlv;

/** Unsigned 16-bit little-endian integer: TLV tags and lengths, header fields. */
public record UInt16() implements WireType<Integer> {

    public static final UInt16 TYPE = new UInt16();
    public static final int MAX = 0xFFFF;

    @Override
    public byte[] encode(Integer value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("uint16 out of 0..65535: " + value);
        }
        return LittleEndian.write(value, 2);
    }

    @Override
    public Integer decode(byte[] value) {
        TlvFormatException.requireLength(value, 2, 2, "uint16");
        return (int) LittleEndian.read(value);
    }

    @Override
    public int maxLength() {
        return 2;
    }
}
