package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A receipt leased to a register: the store's request as received, to be fiscalized once. */
public record ReceiptTask(UUID jobId, String groupCode, String operation, String apiVersion, String externalId,
        String requestJson, OffsetDateTime leaseExpiresAt) {
}
