package ru.openkassa.server.receipts.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import ru.openkassa.server.receipts.FiscalData;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.JobState;

/** A receipt as the native API shows it: its state, every state's time and the error if it failed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReceiptView(
        UUID id,
        String group,
        String externalId,
        String operation,
        String apiVersion,
        String state,
        String status,
        BigDecimal total,
        OffsetDateTime paymentTime,
        OffsetDateTime deadlineAt,
        String callbackUrl,
        String warnings,
        Timeline timeline,
        Fiscal fiscal,
        String qr,
        Error error) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timeline(OffsetDateTime acceptedAt, OffsetDateTime dispatchedAt, OffsetDateTime fiscalizedAt,
            OffsetDateTime deliveredAt, OffsetDateTime failedAt) {
    }

    public record Error(int code, String type, String text) {
    }

    /** What the FN wrote; null until the receipt is fiscalized. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fiscal(String registerId, long fdNumber, long fiscalSign, int shiftNumber, int numberInShift,
            OffsetDateTime dateTime, String fnNumber, String registrationNumber, String ffdVersion, String ofdInn) {
    }

    static ReceiptView of(FiscalJob job, String qr) {
        FiscalData f = job.fiscal();
        return new ReceiptView(job.id(), job.groupCode(), job.externalId(), job.operation(), job.apiVersion(),
                job.state().name().toLowerCase(), status(job.state()), BigDecimal.valueOf(job.totalKopecks(), 2),
                job.paymentTime(), job.deadlineAt(), job.callbackUrl(), job.warnings(),
                new Timeline(job.acceptedAt(), job.dispatchedAt(), job.fiscalizedAt(), job.deliveredAt(), job.failedAt()),
                f == null ? null : new Fiscal(job.registerId(), f.fdNumber(), f.fiscalSign(), f.shiftNumber(),
                        f.numberInShift(), f.dateTime(), f.fnNumber(), f.registrationNumber(), f.ffdVersion(), f.ofdInn()),
                qr,
                job.error() == null ? null : new Error(job.error().code(), job.error().type(), job.error().text()));
    }

    /** The ATOL status a store already understands: wait, done (fiscalized), fail. */
    private static String status(JobState state) {
        return switch (state) {
            case ACCEPTED, DISPATCHED -> "wait";
            case FISCALIZED, DELIVERED -> "done";
            case FAILED -> "fail";
        };
    }
}
