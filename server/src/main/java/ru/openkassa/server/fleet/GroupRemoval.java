package ru.openkassa.server.fleet;

/** What came of deleting a group: only an unused group goes. */
public enum GroupRemoval {
    DELETED,
    NOT_FOUND,
    /** registers are still its members */
    HAS_REGISTERS,
    /** an API login may still send receipts to it */
    HAS_API_LOGINS,
    /** it had receipts, which keep their group */
    HAS_RECEIPTS
}
