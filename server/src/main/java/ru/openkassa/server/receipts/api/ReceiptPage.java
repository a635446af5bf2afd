package ru.openkassa.server.receipts.api;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One page of receipts, newest first; {@code nextCursor} is null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReceiptPage(List<ReceiptView> items, String nextCursor) {
}
