package ru.openkassa.server.devices;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The state heartbeat of a register. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record StateReport(String mode, Boolean paper, Shift shift, Ofd ofd, Fn fn, List<Delivered> delivered) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Shift(Boolean open, Integer number, OffsetDateTime openedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Ofd(Boolean connected, Integer unsentCount, OffsetDateTime oldestUnsentAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fn(String number, LocalDate expiresAt, Integer fillPercent) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Delivered(String fnNumber, Long fdNumber) {
    }
}
