package ru.openkassa.server.devices;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A register's result for a task: for a receipt the fiscal data, or the error that kept it from
 * fiscalizing; for a diagnostics task its answer.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TaskResult(Fiscal fiscal, Error error, RegisterDiagnostics.Answer diagnostics) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fiscal(Long fdNumber, Long fiscalSign, Integer shiftNumber, Integer numberInShift, OffsetDateTime dateTime,
            String fnNumber, String registrationNumber, String ffdVersion, BigDecimal total, String ofdInn) {
    }

    /**
     * @param retryable the register is sure it did not fiscalize and another register may try
     *                  (no paper, shift to close); false for errors of the receipt itself
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Error(Integer code, String text, String type, Boolean retryable) {
    }
}
