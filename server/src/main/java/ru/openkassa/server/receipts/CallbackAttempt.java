package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;

/**
 * One callback to the store about a receipt: how often it was tried, the store's last answer
 * (HTTP status or the error), and whether it arrived or was given up.
 */
public record CallbackAttempt(String url, OffsetDateTime createdAt, int attempts, Integer lastStatus, String lastError,
        OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt, OffsetDateTime gaveUpAt) {
}
