package ru.openkassa.server.receipts.callback;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import ru.openkassa.server.platform.DatabaseVendor;

/** The durable outbox of callbacks: written in the transaction of the state change it announces. */
@Repository
public class CallbackOutbox {

    public record Callback(long id, long accountId, long groupId, UUID jobId, String url, String body,
            OffsetDateTime createdAt, int attempts) {
    }

    public record Attempt(long id, UUID jobId, String url, OffsetDateTime createdAt, int attempts, Integer lastStatus,
            String lastError, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt, OffsetDateTime gaveUpAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final DatabaseVendor vendor;

    CallbackOutbox(JdbcClient jdbc, JdbcTemplate batch, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.vendor = vendor;
    }

    /** Stores a callback, first sent by the poller at {@code firstAttemptAt}; its id. */
    long enqueue(long accountId, long groupId, UUID jobId, String url, String body, OffsetDateTime now,
            OffsetDateTime firstAttemptAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into callback_outbox (account_id, group_id, job_id, url, body, created_at, next_attempt_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(accountId, groupId, jobId, url, body, now, firstAttemptAt).update(key, "id");
        return key.getKeyAs(Long.class);
    }

    /** Due callbacks, locked for the caller's transaction so that one node sends each. */
    List<Callback> due(OffsetDateTime now, int batch) {
        return jdbc.sql("select id, account_id, group_id, job_id, url, body, created_at, attempts from callback_outbox"
                        + " where delivered_at is null and gave_up_at is null and next_attempt_at <= ?"
                        + " order by next_attempt_at limit ? " + vendor.forUpdateSkipLocked())
                .params(now, batch)
                .query((rs, n) -> new Callback(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, UUID.class),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getInt(8)))
                .list();
    }

    /** Puts a callback out of others' reach while this node sends it (a crash makes it due again later). */
    void postpone(List<Long> ids, OffsetDateTime until) {
        if (!ids.isEmpty()) {
            jdbc.sql("update callback_outbox set next_attempt_at = :until where id in (:ids)")
                    .param("until", until).param("ids", ids).update();
        }
    }

    /** What one sending attempt came to: delivered (a 2xx), or failed with the next attempt's time. */
    record Outcome(long id, Integer status, String error, OffsetDateTime nextAttemptAt, boolean gaveUp,
            OffsetDateTime at) {

        boolean delivered() {
            return error == null;
        }
    }

    /** The outcomes of a batch of attempts, in one round trip per kind (the caller's transaction commits them). */
    void record(List<Outcome> outcomes) {
        List<Object[]> delivered = outcomes.stream().filter(Outcome::delivered)
                .map(o -> new Object[] {o.at(), o.status(), o.id()}).toList();
        List<Object[]> failed = outcomes.stream().filter(o -> !o.delivered())
                .map(o -> new Object[] {o.status(), o.error().length() <= 500 ? o.error() : o.error().substring(0, 500),
                        o.nextAttemptAt(), o.gaveUp() ? o.at() : null, o.id()})
                .toList();
        if (!delivered.isEmpty()) {
            batch.batchUpdate("update callback_outbox set delivered_at = ?, attempts = attempts + 1, last_status = ?,"
                    + " last_error = null where id = ?", delivered);
        }
        if (!failed.isEmpty()) {
            batch.batchUpdate("update callback_outbox set attempts = attempts + 1, last_status = ?, last_error = ?,"
                    + " next_attempt_at = ?, gave_up_at = ? where id = ?", failed);
        }
    }

    /** Sends a callback again now (an operator's "resend"), also one that was given up. */
    public boolean resend(long accountId, UUID jobId, OffsetDateTime now) {
        return jdbc.sql("update callback_outbox set next_attempt_at = ?, gave_up_at = null, delivered_at = null"
                        + " where account_id = ? and id = (select max(id) from callback_outbox where account_id = ? and job_id = ?)")
                .params(now, accountId, accountId, jobId).update() == 1;
    }

    public List<Attempt> ofJob(long accountId, UUID jobId) {
        return jdbc.sql("select id, job_id, url, created_at, attempts, last_status, last_error, next_attempt_at,"
                        + " delivered_at, gave_up_at from callback_outbox where account_id = ? and job_id = ? order by id")
                .params(accountId, jobId)
                .query((rs, n) -> new Attempt(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5), (Integer) rs.getObject(6, Integer.class),
                        rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class),
                        rs.getObject(10, OffsetDateTime.class)))
                .list();
    }

    public Optional<Long> countPending() {
        return jdbc.sql("select count(*) from callback_outbox where delivered_at is null and gave_up_at is null")
                .query(Long.class).optional();
    }
}
