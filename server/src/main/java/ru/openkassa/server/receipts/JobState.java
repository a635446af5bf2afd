package ru.openkassa.server.receipts;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a fiscal job, declared in one place. Every state change goes through
 * {@link #canMoveTo}; no state is ever skipped: a job is fiscalized only after it was dispatched,
 * and delivered only after it was fiscalized.
 */
public enum JobState {
    /** Committed in the queue, waiting for a register. */
    ACCEPTED,
    /** Leased to a register. */
    DISPATCHED,
    /** The register's FN wrote it: it has an FD number and a fiscal sign. Not yet at the OFD. */
    FISCALIZED,
    /** The OFD's acknowledgement reached us. Final. */
    DELIVERED,
    /** Final, with an error a person can act on. */
    FAILED;

    public boolean canMoveTo(JobState next) {
        return allowedNext().contains(next);
    }

    public Set<JobState> allowedNext() {
        return switch (this) {
            // a dispatched job whose lease ran out goes back to ACCEPTED
            case ACCEPTED -> EnumSet.of(DISPATCHED, FAILED);
            case DISPATCHED -> EnumSet.of(ACCEPTED, FISCALIZED, FAILED);
            case FISCALIZED -> EnumSet.of(DELIVERED);
            case DELIVERED, FAILED -> EnumSet.noneOf(JobState.class);
        };
    }

    /** Done as far as the store is concerned: it gets its final report (ATOL done or fail). */
    /** No step follows: the row never changes again. */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    public boolean isFinalForStore() {
        return this == FISCALIZED || this == DELIVERED || this == FAILED;
    }
}
