package ru.openkassa.core.tlv;

/** Unsigned little-endian integers of up to 8 bytes, the byte order of every FFD number but the container's FD number. */
final class LittleEndian {

    private LittleEndian() {
    }

    /** Callers bound the length to 8; 8 bytes with the top bit set come out negative. */
    static long read(byte[] value) {
        long result = 0;
        for (int i = value.length - 1; i >= 0; i--) {
            result = result << 8 | (value[i] & 0xFF);
        }
        return result;
    }

    static byte[] write(long value, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
