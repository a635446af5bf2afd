package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

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

    JobEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long accountId, UUID jobId, OffsetDateTime at, Kind kind, Long registerPk, String detail) {
        jdbc.sql("insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail) values (?, ?, ?, ?, ?, ?)")
                .params(accountId, jobId, at, kind.name(), registerPk,
                        detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .update();
    }

    List<JobEvent> ofJob(long accountId, UUID jobId) {
        return jdbc.sql("select job_id, at, kind, register_pk, detail from fiscal_job_event"
                        + " where account_id = ? and job_id = ? order by id")
                .params(accountId, jobId)
                .query((rs, n) -> new JobEvent(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                        Kind.valueOf(rs.getString(3)), (Long) rs.getObject(4, Long.class), rs.getString(5)))
                .list();
    }

    boolean wasGivenTo(UUID jobId, long registerPk) {
        return jdbc.sql("select count(*) from fiscal_job_event where job_id = ? and register_pk = ? and kind = 'DISPATCHED'")
                .params(jobId, registerPk).query(Long.class).single() > 0;
    }
}
