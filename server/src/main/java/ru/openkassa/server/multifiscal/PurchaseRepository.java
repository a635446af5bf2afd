package ru.openkassa.server.multifiscal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.openkassa.server.platform.DatabaseVendor;

/** The purchase tables. Every statement is scoped by account. */
@Repository
class PurchaseRepository {

    private static final String PURCHASE_COLUMNS = "id, account_id, external_id, total_kopecks, payment_time, request, created_at";

    private final JdbcClient jdbc;
    private final String insertPurchase;

    PurchaseRepository(JdbcClient jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        // Two identical requests at once: the second waits for the first's commit, then inserts nothing.
        this.insertPurchase = """
                insert into purchase (id, account_id, external_id, total_kopecks, payment_time, request, created_at)
                values (?, ?, ?, ?, ?, ?, ?) """ + vendor.onConflictDoNothing("account_id, external_id");
    }

    record PurchaseRow(UUID id, long accountId, String externalId, long totalKopecks, OffsetDateTime paymentTime,
            String request, OffsetDateTime createdAt) {
    }

    record ChildRow(UUID jobId, UUID refundId, String entityInn, int order) {
    }

    record RefundRow(UUID id, String externalId, int number, String lines, OffsetDateTime createdAt) {
    }

    /** True when inserted; false when the account already has a purchase with this external_id. */
    boolean insertIfAbsent(PurchaseRow row) {
        return jdbc.sql(insertPurchase).params(row.id(), row.accountId(), row.externalId(), row.totalKopecks(),
                row.paymentTime(), row.request(), row.createdAt()).update() == 1;
    }

    void insertChild(long accountId, UUID purchaseId, ChildRow child) {
        jdbc.sql("""
                insert into purchase_receipt (job_id, account_id, purchase_id, refund_id, entity_inn, receipt_order)
                values (?, ?, ?, ?, ?, ?)""")
                .params(child.jobId(), accountId, purchaseId, child.refundId(), child.entityInn(), child.order())
                .update();
    }

    Optional<PurchaseRow> find(long accountId, UUID id) {
        return jdbc.sql("select " + PURCHASE_COLUMNS + " from purchase where account_id = ? and id = ?")
                .params(accountId, id).query(PurchaseRepository::purchase).optional();
    }

    /** Newest first, the page after (createdAt, id): keyset paging, as the receipts list. */
    List<PurchaseRow> page(long accountId, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        String after = afterCreatedAt == null ? "" : " and created_at <= ? and (created_at < ? or id < ?)";
        List<Object> params = new java.util.ArrayList<>(List.of(accountId));
        if (afterCreatedAt != null) {
            params.addAll(List.of(afterCreatedAt, afterCreatedAt, afterId));
        }
        params.add(limit);
        return jdbc.sql("select " + PURCHASE_COLUMNS + " from purchase where account_id = ?" + after
                        + " order by created_at desc, id desc limit ?")
                .params(params).query(PurchaseRepository::purchase).list();
    }

    /** The purchase a receipt (of its sale or of a refund) belongs to. */
    Optional<UUID> purchaseOf(long accountId, UUID jobId) {
        return jdbc.sql("select purchase_id from purchase_receipt where account_id = ? and job_id = ?")
                .params(accountId, jobId).query(UUID.class).optional();
    }

    Optional<PurchaseRow> findByExternalId(long accountId, String externalId) {
        return jdbc.sql("select " + PURCHASE_COLUMNS + " from purchase where account_id = ? and external_id = ?")
                .params(accountId, externalId).query(PurchaseRepository::purchase).optional();
    }

    /** Locks the purchase for the caller's transaction: its refunds are planned one at a time. */
    Optional<PurchaseRow> lock(long accountId, UUID id) {
        return jdbc.sql("select " + PURCHASE_COLUMNS + " from purchase where account_id = ? and id = ? for update")
                .params(accountId, id).query(PurchaseRepository::purchase).optional();
    }

    List<ChildRow> children(long accountId, UUID purchaseId) {
        return jdbc.sql("""
                select job_id, refund_id, entity_inn, receipt_order from purchase_receipt
                 where account_id = ? and purchase_id = ? order by receipt_order""")
                .params(accountId, purchaseId)
                .query((rs, n) -> new ChildRow(rs.getObject("job_id", UUID.class), rs.getObject("refund_id", UUID.class),
                        rs.getString("entity_inn"), rs.getInt("receipt_order")))
                .list();
    }

    void insertRefund(long accountId, UUID purchaseId, RefundRow refund) {
        jdbc.sql("""
                insert into purchase_refund (id, account_id, purchase_id, external_id, refund_number, lines, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(refund.id(), accountId, purchaseId, refund.externalId(), refund.number(), refund.lines(),
                        refund.createdAt())
                .update();
    }

    /** In the order they were made. */
    List<RefundRow> refunds(long accountId, UUID purchaseId) {
        return jdbc.sql("""
                select id, external_id, refund_number, lines, created_at from purchase_refund
                 where account_id = ? and purchase_id = ? order by refund_number""")
                .params(accountId, purchaseId)
                .query((rs, n) -> new RefundRow(rs.getObject("id", UUID.class), rs.getString("external_id"),
                        rs.getInt("refund_number"), rs.getString("lines"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    private static PurchaseRow purchase(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PurchaseRow(rs.getObject("id", UUID.class), rs.getLong("account_id"), rs.getString("external_id"),
                rs.getLong("total_kopecks"), rs.getObject("payment_time", OffsetDateTime.class), rs.getString("request"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
