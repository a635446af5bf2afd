package ru.openkassa.server.fleet;

import java.time.OffsetDateTime;

/**
 * An offer to move a register from its owner to another account.
 *
 * @param from the owner when the offer was made
 */
public record RegisterTransfer(long id, long registerPk, String registerName, String registerId, Account from,
        Account to, State state, String offeredBy, OffsetDateTime offeredAt) {

    public enum State { OFFERED, ACCEPTED, REJECTED, CANCELLED }

    /** What came of an offer or an acceptance. */
    public enum Outcome {
        OFFERED,
        MOVED,
        NO_SUCH_ACCOUNT,
        SAME_ACCOUNT,
        ALREADY_OFFERED,
        REGISTER_RETIRED,
        NOT_FOUND,
        LEGAL_ENTITY_NOT_FOUND,
        /** the register holds receipts not finished yet: it may move once they are */
        UNFINISHED_RECEIPTS
    }
}
