package ru.openkassa.server.multifiscal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import ru.openkassa.server.platform.error.LocalizedText;

/**
 * A purchase as the native API shows it: the aggregated status, the allocation table, the
 * per-entity receipts, what a person should do about failed ones, and the refunds.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PurchaseView(
        UUID id,
        String externalId,
        String status,
        BigDecimal total,
        String paymentOrder,
        BigDecimal change,
        OffsetDateTime paymentTime,
        OffsetDateTime createdAt,
        List<AllocationRow> allocation,
        List<ChildReceipt> receipts,
        List<Problem> problems,
        List<RefundView> refunds) {

    /** One legal entity's row of the allocation table (or of a refund: what goes back, by means). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AllocationRow(String entityInn, BigDecimal total, List<MeansAmount> payments, TerminalView terminal) {
    }

    public record MeansAmount(String means, BigDecimal amount) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TerminalView(String id, String bank, boolean sharedByAllEntities) {
    }

    /** A per-entity receipt: a normal fiscal job, also visible under /api/v1/receipts/{id}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChildReceipt(UUID id, String entityInn, String group, String operation, String state, BigDecimal total,
            Fiscal fiscal, String qr, Error error) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fiscal(String registerId, long fdNumber, long fiscalSign, int shiftNumber, int numberInShift,
            OffsetDateTime dateTime, String fnNumber, String registrationNumber, String ofdInn) {
    }

    public record Error(int code, String type, String text) {
    }

    /** A failed receipt and what a person should do about it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Problem(UUID receiptId, String entityInn, String group, Error error, Action action) {
    }

    public record Action(String code, LocalizedText message) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RefundView(UUID id, String externalId, String status, BigDecimal total, OffsetDateTime createdAt,
            List<AllocationRow> payments, List<ChildReceipt> receipts, List<Problem> problems) {
    }
}
