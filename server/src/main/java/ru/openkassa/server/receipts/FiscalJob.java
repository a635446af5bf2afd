package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A receipt request in the queue, as stored. */
public record FiscalJob(
        UUID id,
        long accountId,
        long groupId,
        String groupCode,
        long legalEntityId,
        String externalId,
        String operation,
        String apiVersion,
        JobState state,
        long totalKopecks,
        OffsetDateTime paymentTime,
        OffsetDateTime deadlineAt,
        String callbackUrl,
        String warnings,
        OffsetDateTime acceptedAt,
        OffsetDateTime dispatchedAt,
        OffsetDateTime fiscalizedAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime failedAt,
        JobError error,
        Long registerPk,
        String registerId,
        OffsetDateTime leaseExpiresAt,
        OffsetDateTime ackedAt,
        FiscalData fiscal) {
}
