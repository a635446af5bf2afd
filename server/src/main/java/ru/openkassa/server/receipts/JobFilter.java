package ru.openkassa.server.receipts;

/** Optional filters of a receipts list; null means "any". */
public record JobFilter(Long groupId, String externalId, JobState state) {

    public static JobFilter none() {
        return new JobFilter(null, null, null);
    }
}
