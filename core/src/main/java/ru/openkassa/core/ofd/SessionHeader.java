package ru.openkassa.core.ofd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import ru.openkassa.core.ofd.OfdFrameException.Problem;

/**
 * The 30-byte session-level header in front of every message between a register and an OFD
 * (yandex/ofd {@code SessionHeader}, struct {@code <IHH16sHHH}):
 * <pre>
 *  0  4  signature            2a 08 41 0a
 *  4  2  S-protocol version   81 a2
 *  6  2  A-protocol version   00 01 (00 02 also seen)
 *  8 16  FN number            ASCII, space-padded
 * 24  2  body length          uint16 LE: the container that follows
 * 26  2  flags                uint16 LE
 * 28  2  check code           uint16 LE
 * </pre>
 * What the flag bits mean and when the check code is filled is not in our sources: both
 * captures we have (yandex/ofd tests) carry flags 0x0014 and check code 0, and so do we.
 *
 * @param applicationVersion the A-protocol version bytes read big-endian (0x0001 or 0x0002)
 * @param fnNumber           the 16 ASCII characters as sent
 */
public record SessionHeader(int applicationVersion, String fnNumber, int bodyLength, int flags, int crc) {

    public static final int LENGTH = 30;
    public static final int FLAGS_SEEN = 0x0014;
    private static final byte[] SIGNATURE = HexFormat.of().parseHex("2a08410a");
    private static final byte[] SESSION_VERSION = HexFormat.of().parseHex("81a2");
    private static final int FN_LENGTH = 16;

    public SessionHeader {
        if (applicationVersion != 1 && applicationVersion != 2) {
            throw new IllegalArgumentException("A-protocol version must be 0x0001 or 0x0002: " + applicationVersion);
        }
        if (fnNumber.length() > FN_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(fnNumber)) {
            throw new IllegalArgumentException("FN number must be at most 16 ASCII characters: " + fnNumber);
        }
        fnNumber = String.format("%-16s", fnNumber);
        requireUInt16("body length", bodyLength);
        requireUInt16("flags", flags);
        requireUInt16("crc", crc);
    }

    /** A header as we send it: version 0x0001, flags as seen in captures, no check code. */
    public static SessionHeader of(String fnNumber, int bodyLength) {
        return new SessionHeader(1, fnNumber, bodyLength, FLAGS_SEEN, 0);
    }

    public SessionHeader withBodyLength(int length) {
        return new SessionHeader(applicationVersion, fnNumber, length, flags, crc);
    }

    /** The FN number without its padding. */
    public String fn() {
        return fnNumber.strip();
    }

    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(SIGNATURE).put(SESSION_VERSION);
        buffer.put((byte) (applicationVersion >>> 8)).put((byte) applicationVersion);
        buffer.put(fnNumber.getBytes(StandardCharsets.US_ASCII));
        buffer.putShort((short) bodyLength).putShort((short) flags).putShort((short) crc);
        return buffer.array();
    }

    public static SessionHeader decode(byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new OfdFrameException(Problem.TRUNCATED, "session header of " + bytes.length + " bytes, expected 30");
        }
        if (!Arrays.equals(bytes, 0, 4, SIGNATURE, 0, 4)) {
            throw new OfdFrameException(Problem.BAD_SIGNATURE, "signature " + HexFormat.of().formatHex(bytes, 0, 4));
        }
        if (!Arrays.equals(bytes, 4, 6, SESSION_VERSION, 0, 2)) {
            throw new OfdFrameException(Problem.UNSUPPORTED_VERSION, "S-protocol version " + HexFormat.of().formatHex(bytes, 4, 6));
        }
        int applicationVersion = (bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF);
        if (applicationVersion != 1 && applicationVersion != 2) {
            throw new OfdFrameException(Problem.UNSUPPORTED_VERSION, "A-protocol version " + HexFormat.of().formatHex(bytes, 6, 8));
        }
        for (int i = 8; i < 8 + FN_LENGTH; i++) {
            if (bytes[i] < 0x20) {
                // Negative bytes are above 0x7f: not ASCII either.
                throw new OfdFrameException(Problem.BAD_HEADER, "FN number is not ASCII text: " + HexFormat.of().formatHex(bytes, 8, 24));
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        String fn = new String(bytes, 8, FN_LENGTH, StandardCharsets.US_ASCII);
        return new SessionHeader(applicationVersion, fn,
                buffer.getShort(24) & 0xFFFF, buffer.getShort(26) & 0xFFFF, buffer.getShort(28) & 0xFFFF);
    }

    private static void requireUInt16(String what, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of 0..65535: " + value);
        }
    }
}
