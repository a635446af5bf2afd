package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;

/**
 * Optional filters of a receipts list; null means "any". The date range is on the time the
 * receipt was accepted: {@code from} inclusive, {@code to} exclusive.
 */
public record JobFilter(Long groupId, String externalId, JobState state, Long legalEntityId, Long registerPk,
        Long totalKopecks, OffsetDateTime from, OffsetDateTime to) {

    public JobFilter(Long groupId, String externalId, JobState state) {
        this(groupId, externalId, state, null, null, null, null, null);
    }

    public static JobFilter none() {
        return new JobFilter(null, null, null);
    }
}
