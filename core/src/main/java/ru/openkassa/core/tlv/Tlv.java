package ru.openkassa.core.tlv;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One FFD requisite on the wire: tag (uint16 LE), length (uint16 LE), value. The value is kept
 * as bytes; its meaning comes from the tag's {@link WireType}.
 */
public record Tlv(int tag, byte[] value) {

    public static final int MAX_TAG = 0xFFFF;
    public static final int MAX_VALUE_LENGTH = 0xFFFF;
    /** Tag and length, two bytes each. */
    public static final int HEADER_LENGTH = 4;

    public Tlv {
        if (tag < 0 || tag > MAX_TAG) {
            throw new IllegalArgumentException("tag out of 0..65535: " + tag);
        }
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value of tag " + tag + " longer than 65535 bytes: " + value.length);
        }
        value = value.clone();
    }

    public static <T> Tlv of(int tag, WireType<T> type, T value) {
        return new Tlv(tag, type.encode(value));
    }

    public <T> T decode(WireType<T> type) {
        try {
            return type.decode(value);
        } catch (TlvFormatException e) {
            throw new TlvFormatException("tag " + tag + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Header plus value. */
    public int encodedLength() {
        return HEADER_LENGTH + value.length;
    }

    public byte[] toBytes() {
        return new TlvWriter().add(this).toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tlv that && tag == that.tag && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Tlv[" + tag + ": " + HexFormat.of().formatHex(value) + "]";
    }
}
