package ru.openkassa.server.devices;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The state heartbeat of a register; its parts are also a diagnostic's answer. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StateReport(String mode, Boolean paper, Shift shift, Ofd ofd, Fn fn, List<Delivered> delivered) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Shift(Boolean open, Integer number, OffsetDateTime openedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ofd(Boolean connected, Integer unsentCount, OffsetDateTime oldestUnsentAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fn(String number, LocalDate expiresAt, Integer fillPercent) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delivered(String fnNumber, Long fdNumber) {
    }
}
