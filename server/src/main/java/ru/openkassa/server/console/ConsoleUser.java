package ru.openkassa.server.console;

import java.io.Serializable;

import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.UserRole;

/** Who is logged in to the console session; every page works in {@link #accountId()} only. */
public record ConsoleUser(long userId, long accountId, String accountNumber, String accountName, String login,
        UserRole role) implements Serializable {

    static ConsoleUser of(AppUser user) {
        return new ConsoleUser(user.id(), user.account().id(), user.account().number(), user.account().name(),
                user.login(), user.role());
    }

    /** Account administrators change things; operators only look. */
    public boolean isAdmin() {
        return role == UserRole.ADMIN;
    }
}
