package ru.openkassa.server.receipts;

/**
 * What asking for the refund of a sale gave: the refund receipt (new, or the one made before for
 * the same sale), or why there is none.
 */
public sealed interface RefundOutcome {

    record Made(FiscalJob refund, boolean repeated) implements RefundOutcome {
    }

    /** Only a fiscalized sale is refunded: {@code reason} is a message key. */
    record Refused(String reason) implements RefundOutcome {
    }
}
