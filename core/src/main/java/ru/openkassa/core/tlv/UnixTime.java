package ru.openkassa.core.tlv;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * FFD "UnixTime": uint32 LE seconds. The register writes its local wall-clock time as if it were
 * UTC (a receipt from Moscow at 17:20 carries 17:20 "UTC"; the FNS JSON and the QR code {@code t=}
 * show the same 17:20), so the value is a {@link LocalDateTime} without a zone.
 */
public record UnixTime() implements WireType<LocalDateTime> {

    public static final UnixTime TYPE = new UnixTime();

    @Override
    public byte[] encode(LocalDateTime value) {
        return UInt32.TYPE.encode(value.toEpochSecond(ZoneOffset.UTC));
    }

    @Override
    public LocalDateTime decode(byte[] value) {
        TlvFormatException.requireLength(value, 4, 4, "unixtime");
        return LocalDateTime.ofEpochSecond(UInt32.TYPE.decode(value), 0, ZoneOffset.UTC);
    }

    @Override
    public int maxLength() {
        return 4;
    }
}
