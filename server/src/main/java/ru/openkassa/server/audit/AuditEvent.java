package ru.openkassa.server.audit;

import java.time.OffsetDateTime;

/**
 * One administrative action.
 *
 * @param accountId      the account acted upon
 * @param actorAccountId the account of the person who acted (another one for a dealer acting as its client)
 * @param actorLogin     the person's (or API login's) name
 * @param action         a stable code, e.g. {@code register.created}
 * @param target         what was acted on, as people know it (a register's name and ID, a group's name)
 */
public record AuditEvent(long accountId, long actorAccountId, String actorLogin, String action, String target,
        OffsetDateTime at) {

    public boolean actedAsAnotherAccount() {
        return accountId != actorAccountId;
    }
}
