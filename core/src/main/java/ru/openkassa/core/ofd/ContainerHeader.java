package ru.openkassa.core.ofd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import ru.openkassa.core.ofd.OfdFrameException.Problem;

/**
 * The 32-byte header of a container, the unit that carries one fiscal document (yandex/ofd
 * {@code FrameHeader}, struct {@code <HHBBB2s8s3s12s}):
 * <pre>
 *  0  2  length             uint16 LE, the whole container with this header
 *  2  2  check code         uint16 LE, {@link Crc16#ccittFalse CRC-16/CCITT-FALSE} of the
 *                           container without these two bytes
 *  4  1  message type       0xa5
 *  5  1  document type      the document code (1, 2, 3, 5, 7, 11, 31 …)
 *  6  1  format version     1
 *  7  2  service data 1
 *  9  8  FN number          BCD: 99 99 07 89 00 00 54 88 is 9999078900005488
 * 17  3  FD number          uint24 big-endian
 * 20 12  service data 2
 * </pre>
 * The service data's meaning is not in our sources; we keep what a register sends, echo it in
 * our answer as yandex/ofd's mock OFD does, and send zeros on our own.
 *
 * @param fnNumber the 8 FN bytes as 16 hex digits, which for a real FN are its decimal number
 */
public record ContainerHeader(
        int length,
        int crc,
        int messageType,
        int documentType,
        int version,
        byte[] serviceData1,
        String fnNumber,
        long fdNumber,
        byte[] serviceData2) {

    public static final int LENGTH = 32;
    public static final int MESSAGE_TYPE = 0xa5;
    public static final int VERSION = 1;
    /** Largest FD number the three bytes hold. */
    public static final long MAX_FD_NUMBER = 0xFF_FFFFL;

    public ContainerHeader {
        if (length < LENGTH || length > 0xFFFF || crc < 0 || crc > 0xFFFF) {
            throw new IllegalArgumentException("bad length " + length + " or crc " + crc);
        }
        if (messageType < 0 || messageType > 0xFF || documentType < 0 || documentType > 0xFF || version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("message type, document type and version are single bytes");
        }
        if (serviceData1.length != 2 || serviceData2.length != 12) {
            throw new IllegalArgumentException("service data must be 2 and 12 bytes");
        }
        if (fnNumber.length() != 16 || !fnNumber.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("FN number must be 16 hex digits: " + fnNumber);
        }
        if (fdNumber < 0 || fdNumber > MAX_FD_NUMBER) {
            throw new IllegalArgumentException("FD number does not fit three bytes: " + fdNumber);
        }
        serviceData1 = serviceData1.clone();
        serviceData2 = serviceData2.clone();
        fnNumber = fnNumber.toLowerCase();
    }

    /** A header for a container we send; length and check code are filled by {@link #sealed(byte[])}. */
    public static ContainerHeader of(int documentType, String fnNumber, long fdNumber) {
        return new ContainerHeader(LENGTH, 0, MESSAGE_TYPE, documentType, VERSION, new byte[2], fnNumber, fdNumber, new byte[12]);
    }

    /** This header with the length and check code of a container with this body. */
    public ContainerHeader sealed(byte[] body) {
        ContainerHeader sized = new ContainerHeader(LENGTH + body.length, 0, messageType, documentType, version,
                serviceData1, fnNumber, fdNumber, serviceData2);
        return new ContainerHeader(sized.length, sized.checkCode(body), messageType, documentType, version,
                serviceData1, fnNumber, fdNumber, serviceData2);
    }

    /** The check code this header with this body should carry. */
    public int checkCode(byte[] body) {
        byte[] header = encode();
        byte[] covered = new byte[LENGTH - 2 + body.length];
        System.arraycopy(header, 0, covered, 0, 2);
        System.arraycopy(header, 4, covered, 2, LENGTH - 4);
        System.arraycopy(body, 0, covered, LENGTH - 2, body.length);
        return Crc16.ccittFalse(covered);
    }

    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) length).putShort((short) crc);
        buffer.put((byte) messageType).put((byte) documentType).put((byte) version);
        buffer.put(serviceData1);
        buffer.put(HexFormat.of().parseHex(fnNumber));
        buffer.put((byte) (fdNumber >>> 16)).put((byte) (fdNumber >>> 8)).put((byte) fdNumber);
        buffer.put(serviceData2);
        return buffer.array();
    }

    public static ContainerHeader decode(byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new OfdFrameException(Problem.TRUNCATED, "container header of " + bytes.length + " bytes, expected 32");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        int length = buffer.getShort(0) & 0xFFFF;
        if (length < LENGTH) {
            throw new OfdFrameException(Problem.LENGTH_MISMATCH, "container length " + length + " shorter than its header");
        }
        int version = bytes[6] & 0xFF;
        if (version != VERSION) {
            throw new OfdFrameException(Problem.UNSUPPORTED_VERSION, "container version " + version);
        }
        long fd = (bytes[17] & 0xFFL) << 16 | (bytes[18] & 0xFFL) << 8 | (bytes[19] & 0xFFL);
        return new ContainerHeader(length, buffer.getShort(2) & 0xFFFF, bytes[4] & 0xFF, bytes[5] & 0xFF, version,
                Arrays.copyOfRange(bytes, 7, 9), HexFormat.of().formatHex(bytes, 9, 17), fd, Arrays.copyOfRange(bytes, 20, 32));
    }

    @Override
    public byte[] serviceData1() {
        return serviceData1.clone();
    }

    @Override
    public byte[] serviceData2() {
        return serviceData2.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContainerHeader that
                && length == that.length && crc == that.crc && messageType == that.messageType
                && documentType == that.documentType && version == that.version
                && Arrays.equals(serviceData1, that.serviceData1) && fnNumber.equals(that.fnNumber)
                && fdNumber == that.fdNumber && Arrays.equals(serviceData2, that.serviceData2);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {length, crc, messageType, documentType, version,
            Arrays.hashCode(serviceData1), fnNumber, fdNumber, Arrays.hashCode(serviceData2)});
    }

    @Override
    public String toString() {
        return "ContainerHeader[length=" + length + ", crc=" + crc + ", messageType=" + messageType
                + ", documentType=" + documentType + ", version=" + version
                + ", serviceData1=" + HexFormat.of().formatHex(serviceData1) + ", fnNumber=" + fnNumber
                + ", fdNumber=" + fdNumber + ", serviceData2=" + HexFormat.of().formatHex(serviceData2) + "]";
    }
}
