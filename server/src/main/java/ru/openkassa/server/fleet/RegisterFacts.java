package ru.openkassa.server.fleet;

import java.time.LocalDate;

/** What a register says about itself in its hello: hardware, FN and registration. */
public record RegisterFacts(
        String serial,
        String model,
        String firmware,
        String fnNumber,
        LocalDate fnExpiresAt,
        String ffdVersion,
        String registrationNumber,
        String registrationInn,
        int registrationTaxSystems) {
}
