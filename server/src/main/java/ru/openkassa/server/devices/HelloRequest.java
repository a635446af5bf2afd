package ru.openkassa.server.devices;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A register's hello: its ID, hardware, FN and registration. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HelloRequest(String registerId, String serial, String model, String firmware, Fn fn, Registration registration) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fn(String number, LocalDate expiresAt, String ffdVersion) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Registration(String number, String inn, List<String> taxSystems) {
    }
}
