package ru.openkassa.server.fleet;

import java.time.OffsetDateTime;

/**
 * A person who logs in to the console, with the account it belongs to.
 *
 * @param passwordSetAt when an administrator last set the password; null when never
 */
public record AppUser(long id, Account account, String login, UserRole role, boolean blocked,
        OffsetDateTime passwordSetAt) {
}
