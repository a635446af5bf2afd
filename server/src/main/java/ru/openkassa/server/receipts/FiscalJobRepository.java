package ru.openkassa.server.receipts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.openkassa.server.platform.DatabaseVendor;

/** The queue table. Every statement is scoped by account or by group, which belongs to one account. */
@Repository
class FiscalJobRepository {

    private static final String COLUMNS = """
            id, account_id, group_id, group_code, legal_entity_id, external_id, operation, api_version, state,
            total_kopecks, payment_time, deadline_at, callback_url, warnings, accepted_at, dispatched_at,
            fiscalized_at, delivered_at, failed_at, error_code, error_type, error_text""";

    private final JdbcClient jdbc;
    private final String insertSql;

    FiscalJobRepository(JdbcClient jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        // ON CONFLICT makes 50 identical requests at once end in one row without an aborted
        // transaction: the losers wait for the winner's commit and then see its row.
        this.insertSql = """
                insert into fiscal_job (id, account_id, group_id, group_code, legal_entity_id, external_id, operation,
                                        api_version, state, total_kopecks, payment_time, deadline_at, callback_url,
                                        warnings, request, accepted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', ?, ?, ?, ?, ?, %s, ?)
                %s""".formatted(vendor.jsonParameter(), vendor.onConflictDoNothing("group_id, external_id"));
    }

    /** Inserts the job unless its external_id is already known in its group; true when inserted. */
    boolean insertIfAbsent(NewJob job) {
        int rows = jdbc.sql(insertSql)
                .params(job.id(), job.accountId(), job.groupId(), job.groupCode(), job.legalEntityId(), job.externalId(),
                        job.operation(), job.apiVersion(), job.totalKopecks(), job.paymentTime(), job.deadlineAt(),
                        job.callbackUrl(), job.warnings(), job.requestJson(), job.acceptedAt())
                .update();
        return rows == 1;
    }

    Optional<FiscalJob> findByExternalId(long groupId, String externalId) {
        return jdbc.sql("select " + COLUMNS + " from fiscal_job where group_id = ? and external_id = ?")
                .params(groupId, externalId).query(FiscalJobRepository::job).optional();
    }

    Optional<FiscalJob> findInGroup(long groupId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from fiscal_job where group_id = ? and id = ?")
                .params(groupId, id).query(FiscalJobRepository::job).optional();
    }

    Optional<FiscalJob> findInAccount(long accountId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from fiscal_job where account_id = ? and id = ?")
                .params(accountId, id).query(FiscalJobRepository::job).optional();
    }

    /** Newest first, keyset paging: the page after (acceptedAt, id), so that deep pages stay fast. */
    List<FiscalJob> page(long accountId, JobFilter filter, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from fiscal_job where account_id = ?");
        List<Object> params = new java.util.ArrayList<>();
        params.add(accountId);
        if (filter.groupId() != null) {
            sql.append(" and group_id = ?");
            params.add(filter.groupId());
        }
        if (filter.externalId() != null) {
            sql.append(" and external_id = ?");
            params.add(filter.externalId());
        }
        if (filter.state() != null) {
            sql.append(" and state = ?");
            params.add(filter.state().name());
        }
        if (after != null) {
            sql.append(" and (accepted_at < ? or (accepted_at = ? and id < ?))");
            params.add(after.acceptedAt());
            params.add(after.acceptedAt());
            params.add(after.id());
        }
        sql.append(" order by accepted_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(FiscalJobRepository::job).list();
    }

    /**
     * Fails up to {@code batch} jobs still waiting for a register after their deadline. The state
     * is checked again in the outer statement: a job dispatched meanwhile is left alone.
     */
    int failExpired(OffsetDateTime now, JobError error, int batch) {
        return jdbc.sql("""
                update fiscal_job
                   set state = 'FAILED', failed_at = ?, error_code = ?, error_type = ?, error_text = ?
                 where id in (select id from fiscal_job where state = 'ACCEPTED' and deadline_at < ?
                              order by deadline_at limit ?)
                   and state = 'ACCEPTED' and deadline_at < ?""")
                .params(now, error.code(), error.type(), error.text(), now, batch, now)
                .update();
    }

    Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        // only the states a queue can hold; the final ones grow forever and are not a depth
        jdbc.sql("select state, count(*) from fiscal_job where state in ('ACCEPTED', 'DISPATCHED', 'FISCALIZED')"
                        + " group by state")
                .query((rs, n) -> Map.entry(JobState.valueOf(rs.getString(1)), rs.getLong(2)))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static FiscalJob job(ResultSet rs, int row) throws SQLException {
        int errorCode = rs.getInt("error_code");
        JobError error = rs.wasNull() ? null
                : new JobError(errorCode, rs.getString("error_type"), rs.getString("error_text"));
        return new FiscalJob(
                rs.getObject("id", UUID.class),
                rs.getLong("account_id"),
                rs.getLong("group_id"),
                rs.getString("group_code"),
                rs.getLong("legal_entity_id"),
                rs.getString("external_id"),
                rs.getString("operation"),
                rs.getString("api_version"),
                JobState.valueOf(rs.getString("state")),
                rs.getLong("total_kopecks"),
                rs.getObject("payment_time", OffsetDateTime.class),
                rs.getObject("deadline_at", OffsetDateTime.class),
                rs.getString("callback_url"),
                rs.getString("warnings"),
                rs.getObject("accepted_at", OffsetDateTime.class),
                rs.getObject("dispatched_at", OffsetDateTime.class),
                rs.getObject("fiscalized_at", OffsetDateTime.class),
                rs.getObject("delivered_at", OffsetDateTime.class),
                rs.getObject("failed_at", OffsetDateTime.class),
                error);
    }

    record NewJob(UUID id, long accountId, long groupId, String groupCode, long legalEntityId, String externalId,
            String operation, String apiVersion, long totalKopecks, OffsetDateTime paymentTime,
            OffsetDateTime deadlineAt, String callbackUrl, String warnings, String requestJson,
            OffsetDateTime acceptedAt) {

        /** The job as the insert stored it, without reading it back. */
        FiscalJob asAccepted() {
            return new FiscalJob(id, accountId, groupId, groupCode, legalEntityId, externalId, operation, apiVersion,
                    JobState.ACCEPTED, totalKopecks, paymentTime, deadlineAt, callbackUrl, warnings, acceptedAt,
                    null, null, null, null, null);
        }
    }
}
