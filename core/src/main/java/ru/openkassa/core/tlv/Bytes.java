package ru.openkassa.core.tlv;

/**
 * FFD "ByteArray": opaque bytes, {@code minLength..maxLength} (the fiscal sign 1077 is exactly 6,
 * the operator's sign 1078 up to 16, a product code 1162 up to 32).
 */
public record Bytes(int minLength, int maxLength) implements WireType<byte[]> {

    public Bytes {
        if (minLength < 0 || maxLength < minLength || maxLength > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("bad byte array bounds " + minLength + ".." + maxLength);
        }
    }

    public static Bytes upTo(int maxLength) {
        return new Bytes(0, maxLength);
    }

    public static Bytes exactly(int length) {
        return new Bytes(length, length);
    }

    @Override
    public byte[] encode(byte[] value) {
        if (value.length < minLength || value.length > maxLength) {
            throw new IllegalArgumentException("byte array of " + value.length + " bytes, expected "
                    + minLength + ".." + maxLength);
        }
        return value.clone();
    }

    @Override
    public byte[] decode(byte[] value) {
        TlvFormatException.requireLength(value, minLength, maxLength, "byte array");
        return value.clone();
    }
}
