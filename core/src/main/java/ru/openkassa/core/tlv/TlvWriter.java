package ru.openkassa.core.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds a sequence of TLVs in the order they are added. Not thread-safe; one per document. */
public final class TlvWriter {

    private final List<Tlv> written = new ArrayList<>();

    public TlvWriter add(Tlv tlv) {
        written.add(tlv);
        return this;
    }

    public TlvWriter addAll(List<Tlv> tlvs) {
        written.addAll(tlvs);
        return this;
    }

    public TlvWriter add(int tag, byte[] value) {
        return add(new Tlv(tag, value));
    }

    public <T> TlvWriter add(int tag, WireType<T> type, T value) {
        return add(Tlv.of(tag, type, value));
    }

    public List<Tlv> toList() {
        return List.copyOf(written);
    }

    public int encodedLength() {
        int total = 0;
        for (Tlv tlv : written) {
            total += tlv.encodedLength();
        }
        return total;
    }

    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encodedLength());
        for (Tlv tlv : written) {
            out.write(tlv.tag() & 0xFF);
            out.write(tlv.tag() >>> 8);
            out.write(tlv.length() & 0xFF);
            out.write(tlv.length() >>> 8);
            out.writeBytes(tlv.value());
        }
        return out.toByteArray();
    }

    public static byte[] encode(List<Tlv> tlvs) {
        return new TlvWriter().addAll(tlvs).toByteArray();
    }
}
