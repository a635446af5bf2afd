package ru.openkassa.server.fleet;

import java.time.OffsetDateTime;

/** A client account's request to be served by a dealer. */
public record DealerRequest(long id, Account client, Account dealer, State state, boolean blocked, String requestedBy,
        OffsetDateTime requestedAt) {

    public enum State { PENDING, ACCEPTED, REJECTED, CANCELLED }

    /** What came of a dealer action; each but {@code DONE} is told to the person as it is. */
    public enum Outcome {
        DONE,
        NOT_FOUND,
        NO_SUCH_DEALER,
        SELF,
        ALREADY_SERVED,
        ALREADY_REQUESTED,
        BLOCKED,
        /** a client account with registers in use cannot be deleted */
        HAS_REGISTERS,
        SERVED_ACCOUNT_CANNOT_BE_DEALER
    }
}
