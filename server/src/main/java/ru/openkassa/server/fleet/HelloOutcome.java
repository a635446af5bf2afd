package ru.openkassa.server.fleet;

/** What the fleet says to a register's hello. */
public sealed interface HelloOutcome {

    /** Known, and this serial is (now) the one bound to the ID. */
    record Known(Register register) implements HelloOutcome {
    }

    /** No active register has this ID: never issued, re-issued since, or retired. */
    record UnknownRegister() implements HelloOutcome {
    }

    /** The ID is bound to another register's serial number. */
    record SerialMismatch(String boundSerial) implements HelloOutcome {
    }
}
