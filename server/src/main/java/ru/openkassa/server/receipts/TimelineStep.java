package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One step of a receipt's life as people read it: accepted, dispatched, acked, fiscalized,
 * delivered, failed, offered again or returned to the queue, with the register and its words.
 */
public record TimelineStep(UUID jobId, OffsetDateTime at, String kind, Long registerPk, String detail) {
}
