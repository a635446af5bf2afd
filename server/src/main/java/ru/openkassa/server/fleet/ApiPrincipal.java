package ru.openkassa.server.fleet;

import java.util.Set;

/** Who calls the merchant API: an account's API credential and the groups it may send receipts to. */
public record ApiPrincipal(long accountId, long credentialId, String login, Set<Long> groupIds) {

    public boolean mayUse(RoutingGroup group) {
        return group.accountId() == accountId && groupIds.contains(group.id());
    }
}
