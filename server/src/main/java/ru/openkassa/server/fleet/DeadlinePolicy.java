package ru.openkassa.server.fleet;

import java.time.Duration;

/**
 * How long a group's receipts may wait for a register after the payment. The two schemes stores
 * know from payment providers: 5 minutes (the payment is refunded if the receipt is late) and
 * 7 days (the payment stays, the receipt may come later).
 */
public enum DeadlinePolicy {
    MINUTES_5(Duration.ofMinutes(5)),
    DAYS_7(Duration.ofDays(7));

    private final Duration wait;

    DeadlinePolicy(Duration wait) {
        this.wait = wait;
    }

    public Duration maxWait() {
        return wait;
    }
}
