package ru.openkassa.server.fleet;

/** What a console user may do in its account. */
public enum UserRole {
    /** Account administrator: adds and changes registers, groups and users. */
    ADMIN,
    /** Sees everything of the account, changes nothing. */
    OPERATOR,
    /** Staff of a service centre (dealer) serving client accounts. */
    DEALER_STAFF;

    public boolean mayChange() {
        return this != OPERATOR;
    }
}
