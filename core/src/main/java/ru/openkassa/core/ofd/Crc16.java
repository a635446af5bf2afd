package ru.openkassa.core.ofd;

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor; "123456789" gives
 * 0x29B1), the check code of the container header: yandex/ofd computes it with crcmod's
 * {@code crc-ccitt-false}, and a captured container (tests) carries exactly this value.
 */
public final class Crc16 {

    private Crc16() {
    }

    public static int ccittFalse(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    public static int ccittFalse(byte[] data) {
        return ccittFalse(data, 0, data.length);
    }
}
