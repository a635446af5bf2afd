package ru.openkassa.core.tlv;

import java.util.List;

/**
 * FFD "STLV": a TLV whose value is itself a sequence of TLVs (a document, an item 1059, the
 * operator's message 1068), at most {@code maxLength} bytes.
 */
public record Stlv(int maxLength) implements WireType<List<Tlv>> {

    /** The format limit of a receipt: 32 768 bytes. */
    public static final int DOCUMENT_MAX = 32_768;

    public Stlv {
        if (maxLength < 0 || maxLength > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("STLV length out of 0..65535: " + maxLength);
        }
    }

    @Override
    public byte[] encode(List<Tlv> value) {
        byte[] bytes = TlvWriter.encode(value);
        if (bytes.length > maxLength) {
            throw new IllegalArgumentException("STLV of " + bytes.length + " bytes, at most " + maxLength);
        }
        return bytes;
    }

    @Override
    public List<Tlv> decode(byte[] value) {
        TlvFormatException.requireLength(value, 0, maxLength, "STLV");
        return TlvReader.readAll(value);
    }
}
