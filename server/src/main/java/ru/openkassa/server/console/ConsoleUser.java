package ru.openkassa.server.console;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ru.openkassa.server.fleet.Account;
import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.UserRole;

/**
 * Who is logged in to the console session; every page works in {@link #accountId()} only. That is
 * the user's own account, or a client account its dealer entered: then {@link #homeAccountId()} is
 * the dealer's, and the audit log names the dealer's person as the actor.
 *
 * @param loggedInAt when the person logged in: a password set later ends the session
 */
public record ConsoleUser(long userId, long accountId, String accountNumber, String accountName, String login,
        UserRole role, long homeAccountId, String homeAccountNumber, String homeAccountName, Instant loggedInAt)
        implements Serializable {

    static ConsoleUser of(AppUser user, Instant loggedInAt) {
        Account account = user.account();
        return new ConsoleUser(user.id(), account.id(), account.number(), account.name(), user.login(), user.role(),
                account.id(), account.number(), account.name(), loggedInAt);
    }

    /** The same person working inside a client account its dealer serves. */
    ConsoleUser entering(Account client) {
        return new ConsoleUser(userId, client.id(), client.number(), client.name(), login, role, homeAccountId,
                homeAccountNumber, homeAccountName, loggedInAt);
    }

    /** Back in the person's own account. */
    ConsoleUser home() {
        return new ConsoleUser(userId, homeAccountId, homeAccountNumber, homeAccountName, login, role, homeAccountId,
                homeAccountNumber, homeAccountName, loggedInAt);
    }

    /** Working inside a client's account as its dealer. */
    public boolean isActingForClient() {
        return accountId != homeAccountId;
    }

    /** Account administrators change things; operators only look. */
    public boolean isAdmin() {
        return role == UserRole.ADMIN;
    }

    /**
     * Adds, changes and retires registers and groups: an administrator, or dealer staff inside a
     * client it entered — serving the clients' registers is the staff's work; the dealer's own
     * account, its users, legal entities and clients are its administrators'.
     */
    public boolean mayServiceRegisters() {
        return isAdmin() || role == UserRole.DEALER_STAFF && isActingForClient();
    }

    /** Enters a client the dealer serves: administrators and dealer staff, from the dealer's own account. */
    public boolean mayEnterClients() {
        return (isAdmin() || role == UserRole.DEALER_STAFF) && !isActingForClient();
    }

    /** The roles Spring Security checks the console's addresses against (see ConsoleSecurityConfiguration). */
    List<String> authorities() {
        List<String> roles = new ArrayList<>(List.of("ROLE_" + role.name()));
        if (mayServiceRegisters()) {
            roles.add("ROLE_" + ConsoleSecurityConfiguration.REGISTER_SERVICE);
        }
        return roles;
    }
}
