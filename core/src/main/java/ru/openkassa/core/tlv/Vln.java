package ru.openkassa.core.tlv;

/**
 * FFD "VLN": an unsigned little-endian integer of variable length, at most {@code maxLength}
 * bytes (sums in kopecks: 6). Registers write the shortest form (a zero sum as one byte
 * {@code 00}, 684.28 as {@code 4c 0b 01}), so does {@link #encode}; decoding also takes
 * zero-padded forms such as yandex/ofd writes.
 */
public record Vln(int maxLength) implements WireType<Long> {

    /** Sums and prices in kopecks (1020, 1031, 1043, 1079, 1081, 1200, 1215..1217). */
    public static final Vln SUM = new Vln(6);

    public Vln {
        if (maxLength < 1 || maxLength > 8) {
            throw new IllegalArgumentException("VLN length out of 1..8: " + maxLength);
        }
    }

    @Override
    public byte[] encode(Long value) {
        if (value < 0) {
            throw new IllegalArgumentException("VLN is unsigned: " + value);
        }
        int length = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8);
        if (length > maxLength) {
            throw new IllegalArgumentException("VLN " + value + " needs " + length + " bytes, at most " + maxLength);
        }
        return LittleEndian.write(value, length);
    }

    @Override
    public Long decode(byte[] value) {
        TlvFormatException.requireLength(value, 1, maxLength, "VLN");
        long result = LittleEndian.read(value);
        if (result < 0) {
            throw new TlvFormatException("VLN beyond 2^63-1");
        }
        return result;
    }

    /** The largest value that fits: 2^(8·maxLength) − 1 (2^63 − 1 for 8 bytes). */
    public long maxValue() {
        return maxLength == 8 ? Long.MAX_VALUE : (1L << (8 * maxLength)) - 1;
    }
}
