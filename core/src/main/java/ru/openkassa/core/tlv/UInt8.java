package ru.openkassa.core.tlv;

/** FFD "Byte": one unsigned byte (flags, enumerations like 1054, 1055, 1199). */
public record UInt8() implements WireType<Integer> {

    public static final UInt8 TYPE = new UInt8();

    @Override
    public byte[] encode(Integer value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("byte out of 0..255: " + value);
        }
        return new byte[] {(byte) value.intValue()};
    }

    @Override
    public Integer decode(byte[] value) {
        TlvFormatException.requireLength(value, 1, 1, "byte");
        return value[0] & 0xFF;
    }

    @Override
    public int maxLength() {
        return 1;
    }
}
