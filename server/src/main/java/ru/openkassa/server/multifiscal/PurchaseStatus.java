package ru.openkassa.server.multifiscal;

import java.util.Collection;

import ru.openkassa.server.receipts.JobState;

/** What a purchase (or one of its refunds) is, seen through its per-entity receipts. */
enum PurchaseStatus {
    /** Some receipt is still waiting for its register, none failed. */
    WAIT,
    /** Every receipt is fiscalized (and maybe delivered to the OFD already). */
    DONE,
    /**
     * Some receipts failed, others are fiscalized or still on their way. Shown as soon as one fails:
     * a failure is final and a person has to act on it whatever the others do.
     */
    PARTLY_FAILED,
    /** Every receipt failed: nothing of the purchase is fiscalized. */
    FAILED;

    static PurchaseStatus of(Collection<JobState> states) {
        long failed = states.stream().filter(s -> s == JobState.FAILED).count();
        long waiting = states.stream().filter(s -> s == JobState.ACCEPTED || s == JobState.DISPATCHED).count();
        if (failed > 0) {
            return failed == states.size() ? FAILED : PARTLY_FAILED;
        }
        return waiting > 0 ? WAIT : DONE;
    }

    String apiName() {
        return name().toLowerCase();
    }
}
