package ru.openkassa.core.tlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads TLVs one after another from a byte array. A container from a register carries bytes
 * after its document (the message's fiscal sign), so a caller may read one TLV and take the rest
 * with {@link #remaining()}; {@link #readAll(byte[])} insists that the bytes are TLVs to the end.
 */
public final class TlvReader {

    private final byte[] data;
    private int position;

    public TlvReader(byte[] data) {
        this.data = data.clone();
    }

    public boolean hasNext() {
        return position < data.length;
    }

    public Tlv next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more TLVs at offset " + position);
        }
        if (data.length - position < Tlv.HEADER_LENGTH) {
            throw new TlvFormatException("truncated TLV header at offset " + position
                    + ": " + (data.length - position) + " bytes left");
        }
        int tag = unsigned16(position);
        int length = unsigned16(position + 2);
        int start = position + Tlv.HEADER_LENGTH;
        if (data.length - start < length) {
            throw new TlvFormatException("tag " + tag + " at offset " + position + " declares " + length
                    + " bytes, only " + (data.length - start) + " left");
        }
        position = start + length;
        return new Tlv(tag, Arrays.copyOfRange(data, start, start + length));
    }

    public int position() {
        return position;
    }

    /** The bytes not read yet. */
    public byte[] remaining() {
        return Arrays.copyOfRange(data, position, data.length);
    }

    public static List<Tlv> readAll(byte[] data) {
        TlvReader reader = new TlvReader(data);
        List<Tlv> result = new ArrayList<>();
        while (reader.hasNext()) {
            result.add(reader.next());
        }
        return List.copyOf(result);
    }

    private int unsigned16(int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
    }
}
