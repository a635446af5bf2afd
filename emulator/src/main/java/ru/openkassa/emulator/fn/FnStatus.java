package ru.openkassa.emulator.fn;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * What the drive reports about itself (the register's heartbeat carries it).
 *
 * @param lastFdNumber     0 before the first document
 * @param shift            the current or the last shift; null before the first one
 * @param oldestUnsentAt   date of the oldest document the OFD has not confirmed (1098); null if none
 * @param fillPercent      how full the archive is
 */
public record FnStatus(
        String fnNumber,
        LocalDate expiresAt,
        long lastFdNumber,
        Shift shift,
        int unsentCount,
        OffsetDateTime oldestUnsentAt,
        int fillPercent) {

    /**
     * A shift as the drive counts it.
     *
     * @param number       1038
     * @param receipts     receipts in the shift so far (the last 1042)
     */
    public record Shift(long number, boolean open, OffsetDateTime openedAt, long receipts) {
    }
}
