package ru.openkassa.server.fleet;

/** A person who logs in to the console, with the account it belongs to. */
public record AppUser(long id, Account account, String login, UserRole role, boolean blocked) {
}
