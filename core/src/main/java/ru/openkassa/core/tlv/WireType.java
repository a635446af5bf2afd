package ru.openkassa.core.tlv;

/**
 * How the value of one FFD requisite is laid out in its TLV, with the longest value the format
 * allows for that requisite. Encoding a value the type cannot hold is a bug
 * ({@link IllegalArgumentException}); decoding bytes that are not such a value is bad input
 * ({@link TlvFormatException}).
 *
 * <p>The types are those of the FNS format tables as yandex/ofd {@code ofd/protocol.py} names
 * them: Byte, U32, VLN, FVLN, String (CP866), UnixTime, STLV, ByteArray; plus the uint16 the
 * session and container headers use.
 */
public sealed interface WireType<T> permits UInt8, UInt16, UInt32, Vln, Fvln, Cp866String, UnixTime, Bytes, Stlv {

    byte[] encode(T value);

    T decode(byte[] value);

    /** The longest value in bytes. */
    int maxLength();
}
