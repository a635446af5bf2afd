package ru.openkassa.server.receipts;

import java.util.Set;

/** A register asking for receipts: the groups it serves and the legal entity it is registered for. */
public record ClaimingRegister(long registerPk, String registerId, long accountId, long legalEntityId,
        Set<Long> groupIds) {
}
