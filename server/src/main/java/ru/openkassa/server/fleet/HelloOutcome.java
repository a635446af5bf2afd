package ru.openkassa.server.fleet;

import java.time.OffsetDateTime;

/** What the fleet says to a register's hello. */
public sealed interface HelloOutcome {

    /** Known, and this serial is (now) the one bound to the ID. */
    record Known(Register register) implements HelloOutcome {
    }

    /** No register has this ID: never issued, or re-issued since. */
    record UnknownRegister() implements HelloOutcome {
    }

    /** The register with this ID was retired: it does not work with the server any more. */
    record RetiredRegister(OffsetDateTime retiredAt) implements HelloOutcome {
    }

    /** The ID is bound to another register's serial number. */
    record SerialMismatch(String boundSerial) implements HelloOutcome {
    }
}
