package ru.openkassa.emulator.register;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;

/**
 * What became of a receipt task: the body of {@code POST /device/v1/tasks/{id}/result}. Stored
 * in the register's job journal before it is sent, so that a repeated job gets exactly this.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(TaskOutcome.Fiscalized.class),
        @JsonSubTypes.Type(TaskOutcome.Refused.class)})
public sealed interface TaskOutcome {

    /** {@code {"fiscal": {...}}}. */
    record Fiscalized(Fiscal fiscal) implements TaskOutcome {
    }

    /** {@code {"error": {"code", "text", "type"}}}. */
    record Refused(Error error) implements TaskOutcome {

        public static Refused of(DriverError error, String detail) {
            String text = detail == null ? error.text() : error.text() + ": " + detail;
            return new Refused(new Error(error.code(), text, DriverError.TYPE, error.retryable()));
        }
    }

    /** @param fiscalSign the printed value, uint32 */
    record Fiscal(
            long fdNumber,
            long fiscalSign,
            long shiftNumber,
            long numberInShift,
            String dateTime,
            String fnNumber,
            String registrationNumber,
            String ffdVersion,
            BigDecimal total,
            String ofdInn) {
    }

    /** @param retryable the register printed nothing and another register may try */
    record Error(int code, String text, String type, boolean retryable) {
    }
}
