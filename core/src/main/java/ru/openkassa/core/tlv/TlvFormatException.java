package ru.openkassa.core.tlv;

/**
 * Bytes that are not a well-formed FFD TLV: truncated, longer than the tag allows, or not a value
 * of the tag's type. Thrown on decoding input from outside (a register, an OFD), so an OFD can
 * answer "документ не распознан" instead of failing; encoding a bad value is a bug and throws
 * {@link IllegalArgumentException}.
 */
public class TlvFormatException extends RuntimeException {

    public TlvFormatException(String message) {
        super(message);
    }

    public TlvFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws when a value of this type is not {@code min..max} bytes long. */
    public static void requireLength(byte[] value, int min, int max, String type) {
        if (value.length < min || value.length > max) {
            throw new TlvFormatException(type + " of " + value.length + " bytes, expected "
                    + (min == max ? String.valueOf(min) : min + ".." + max));
        }
    }
}
