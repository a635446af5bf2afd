package ru.openkassa.core.tlv;

/** FFD "U32": unsigned 32-bit little-endian integer, always 4 bytes (1038, 1040, 1042, 1097). */
public record UInt32() implements WireType<Long> {

    public static final UInt32 TYPE = new UInt32();
    public static final long MAX = 0xFFFF_FFFFL;

    @Override
    public byte[] encode(Long value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("uint32 out of 0..4294967295: " + value);
        }
        return LittleEndian.write(value, 4);
    }

    @Override
    public Long decode(byte[] value) {
        TlvFormatException.requireLength(value, 4, 4, "uint32");
        return LittleEndian.read(value);
    }

    @Override
    public int maxLength() {
        return 4;
    }
}
