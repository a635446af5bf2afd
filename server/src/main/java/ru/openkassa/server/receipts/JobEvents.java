package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The journal of every step of a job: the receipt's timeline, and a register's task journal
 * (what it received, acked, fiscalized, failed). Written in the transaction of the step.
 */
@Repository
class JobEvents {

    enum Kind { ACCEPTED, DISPATCHED, ACKED, REOFFERED, LEASE_EXPIRED, REQUEUED, FISCALIZED, DELIVERED, FAILED }

    record JobEvent(UUID jobId, OffsetDateTime at, Kind kind, Long registerPk, String detail) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JobEvents(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The head of an insert into the journal, also for statements that write a step and its entry together. */
    static final String INSERT_INTO = "insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail)";
    private static final String INSERT = INSERT_INTO + " values (?, ?, ?, ?, ?, ?)";

    void record(long accountId, UUID jobId, OffsetDateTime at, Kind kind, Long registerPk, String detail) {
        jdbc.sql(INSERT).params(accountId, jobId, at, kind.name(), registerPk, truncate(detail)).update();
    }

    /** Several events of one account in one round trip. */
    void recordAll(List<JobEvent> events, long accountId) {
        if (!events.isEmpty()) {
            batch.batchUpdate(INSERT, events.stream().map(e -> new Object[] {accountId, e.jobId(), e.at(), e.kind().name(),
                    e.registerPk(), truncate(e.detail())}).toList());
        }
    }

    static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    List<JobEvent> ofJob(long accountId, UUID jobId) {
        return jdbc.sql("select job_id, at, kind, register_pk, detail from fiscal_job_event"
                        + " where account_id = ? and job_id = ? order by id")
                .params(accountId, jobId)
                .query(JobEvents::event)
                .list();
    }

    /** The register's task journal, newest first. */
    List<JobEvent> ofRegister(long accountId, long registerPk, int limit) {
        return jdbc.sql("select job_id, at, kind, register_pk, detail from fiscal_job_event"
                        + " where register_pk = ? and account_id = ? order by id desc limit ?")
                .params(registerPk, accountId, limit)
                .query(JobEvents::event)
                .list();
    }

    private static JobEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new JobEvent(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                Kind.valueOf(rs.getString(3)), (Long) rs.getObject(4, Long.class), rs.getString(5));
    }

    boolean wasGivenTo(UUID jobId, long registerPk) {
        return jdbc.sql("select count(*) from fiscal_job_event where job_id = ? and register_pk = ? and kind = 'DISPATCHED'")
                .params(jobId, registerPk).query(Long.class).single() > 0;
    }
}
