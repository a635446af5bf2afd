package ru.openkassa.server.receipts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.openkassa.server.platform.DatabaseVendor;

/** The queue table. Every statement is scoped by account or by group, which belongs to one account. */
@Repository
class FiscalJobRepository {

    private static final String COLUMNS = """
            id, account_id, group_id, group_code, legal_entity_id, external_id, operation, api_version, state,
            total_kopecks, payment_time, deadline_at, callback_url, warnings, accepted_at, dispatched_at,
            fiscalized_at, delivered_at, failed_at, error_code, error_type, error_text, register_pk, register_id, lease_expires_at,
            acked_at, fd_number, fiscal_sign, shift_number, number_in_shift, fiscal_datetime, fiscal_utc_offset, fn_number,
            registration_number, ffd_version, ofd_inn""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final DatabaseVendor vendor;
    private final JobEvents events;
    private final String insertSql;
    /**
     * The oldest waiting jobs of the groups, through the claim index (group, accepted_at). The
     * groups are the register's own, which belong to its account: a condition on the account too
     * would let PostgreSQL prefer the list index of the account's jobs on their way, and walk all of
     * them (108 entries read per claim at 200 receipts/s, bench/chain.sh).
     */
    private final String claimSql;
    private final String leaseSql;

    FiscalJobRepository(JdbcClient jdbc, JdbcTemplate batchJdbc, DatabaseVendor vendor, JobEvents events) {
        this.jdbc = jdbc;
        this.events = events;
        this.batchJdbc = batchJdbc;
        this.vendor = vendor;
        // ON CONFLICT makes 50 identical requests at once end in one row without an aborted
        // transaction: the losers wait for the winner's commit and then see its row.
        this.insertSql = """
                insert into fiscal_job (id, account_id, group_id, group_code, legal_entity_id, external_id, operation,
                                        api_version, state, total_kopecks, payment_time, deadline_at, callback_url,
                                        warnings, request, accepted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', ?, ?, ?, ?, ?, %s, ?)
                %s""".formatted(vendor.jsonParameter(), vendor.onConflictDoNothing("group_id, external_id"));
        this.claimSql = "select id, group_code, operation, api_version, external_id, " + vendor.jsonText("request")
                + " as request from fiscal_job where state = 'ACCEPTED' and legal_entity_id = :entity"
                + " and group_id in (:groups) order by accepted_at limit :max " + vendor.forUpdateSkipLocked();
        this.leaseSql = LEASE_AND_JOURNAL.formatted(claimSql);
    }

    /** Inserts the job unless its external_id is already known in its group; true when inserted. */
    boolean insertIfAbsent(NewJob job) {
        return jdbc.sql(insertSql).params(insertParameters(job)).update() == 1;
    }

    /**
     * Inserts jobs in one statement (the caller's transaction makes it one commit). Each answer says
     * whether that job was inserted; a later job with the external_id of an earlier one of the same
     * batch is not.
     */
    boolean[] insertAllIfAbsent(List<NewJob> batch) {
        if (!vendor.isPostgres()) {
            int[] counts = batchJdbc.batchUpdate(insertSql, batch.stream().map(FiscalJobRepository::insertParameters).toList());
            boolean[] inserted = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                inserted[i] = counts[i] == 1;
            }
            return inserted;
        }
        // one statement over arrays, not a JDBC batch of single-row inserts: PostgreSQL parses, plans
        // and executes it once for the whole batch (its CPU per receipt 0.09 -> 0.08 ms, bench/intake.sh)
        Set<UUID> inserted = batchJdbc.execute((ConnectionCallback<Set<UUID>>) connection -> {
            int n = batch.size();
            String[][] text = new String[INSERT_TEXT_COLUMNS][n];
            Long[][] numbers = new Long[INSERT_NUMBER_COLUMNS][n];
            for (int i = 0; i < n; i++) {
                NewJob job = batch.get(i);
                numbers[0][i] = job.accountId();
                numbers[1][i] = job.groupId();
                numbers[2][i] = job.legalEntityId();
                numbers[3][i] = job.totalKopecks();
                text[0][i] = job.id().toString();
                text[1][i] = job.groupCode();
                text[2][i] = job.externalId();
                text[3][i] = job.operation();
                text[4][i] = job.apiVersion();
                text[5][i] = job.paymentTime().toString();
                text[6][i] = job.deadlineAt().toString();
                text[7][i] = job.callbackUrl();
                text[8][i] = job.warnings();
                text[9][i] = job.requestJson();
                text[10][i] = job.acceptedAt().toString();
            }
            try (PreparedStatement statement = connection.prepareStatement(UNNEST_INSERT)) {
                for (int c = 0; c < INSERT_NUMBER_COLUMNS; c++) {
                    statement.setArray(1 + c, connection.createArrayOf("bigint", numbers[c]));
                }
                for (int c = 0; c < INSERT_TEXT_COLUMNS; c++) {
                    statement.setArray(1 + INSERT_NUMBER_COLUMNS + c, connection.createArrayOf("text", text[c]));
                }
                Set<UUID> ids = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
        boolean[] answers = new boolean[batch.size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = inserted.contains(batch.get(i).id());
        }
        return answers;
    }

    private static final int INSERT_NUMBER_COLUMNS = 4;
    private static final int INSERT_TEXT_COLUMNS = 11;
    private static final String UNNEST_INSERT = """
            insert into fiscal_job (id, account_id, group_id, group_code, legal_entity_id, external_id, operation,
                                    api_version, state, total_kopecks, payment_time, deadline_at, callback_url,
                                    warnings, request, accepted_at)
            select cast(id as uuid), account_id, group_id, group_code, legal_entity_id, external_id, operation,
                   api_version, 'ACCEPTED', total_kopecks, cast(payment_time as timestamptz),
                   cast(deadline_at as timestamptz), callback_url, warnings, cast(request as json),
                   cast(accepted_at as timestamptz)
              from unnest(cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]),
                          cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]))
                   with ordinality
                   as t(account_id, group_id, legal_entity_id, total_kopecks, id, group_code, external_id, operation,
                        api_version, payment_time, deadline_at, callback_url, warnings, request, accepted_at, position)
             order by position
            on conflict (group_id, external_id) do nothing
            returning id""";

    private static Object[] insertParameters(NewJob job) {
        return new Object[] {job.id(), job.accountId(), job.groupId(), job.groupCode(), job.legalEntityId(),
                job.externalId(), job.operation(), job.apiVersion(), job.totalKopecks(), job.paymentTime(),
                job.deadlineAt(), job.callbackUrl(), job.warnings(), job.requestJson(), job.acceptedAt()};
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

    List<FiscalJob> findAllInAccount(long accountId, java.util.Collection<UUID> ids) {
        return jdbc.sql("select " + COLUMNS + " from fiscal_job where account_id = :account and id in (:ids)")
                .param("account", accountId).param("ids", List.copyOf(ids)).query(FiscalJobRepository::job).list();
    }

    /** The request body as the store sent it. */
    String requestJson(long accountId, UUID id) {
        return jdbc.sql("select " + vendor.jsonText("request") + " from fiscal_job where account_id = ? and id = ?")
                .params(accountId, id).query(String.class).single();
    }

    long unfinishedOnRegister(long accountId, long registerPk) {
        return jdbc.sql("select count(*) from fiscal_job where account_id = ? and register_pk = ?"
                        + " and state in ('DISPATCHED', 'FISCALIZED')")
                .params(accountId, registerPk).query(Long.class).single();
    }

    // A statement about given jobs checks their state in a form PostgreSQL's planner cannot match to
    // a partial index's predicate, so that it finds them by the primary key. Written as
    // "state = 'X'", the planner may choose to walk a whole partial index on the state instead: in
    // the statistics taken while the queue was quiet it is tiny, under load it holds every receipt
    // on its way (87 entries read per single-row update at 200 receipts/s, bench/chain.sh).
    // The state column is never null, so "is true" changes nothing else.
    private static final String STATE_IS_ACCEPTED = " (state = 'ACCEPTED') is true";
    private static final String STATE_IS_DISPATCHED = " (state = 'DISPATCHED') is true";
    private static final String STATE_IS_FISCALIZED = " (state = 'FISCALIZED') is true";

    // every state is in one of the two, and each is the predicate of partial indexes (V22, V37):
    // the lists and counts read the two parts, never the whole table
    static final String FINISHED = "state in ('DELIVERED', 'FAILED')";
    static final String ON_THE_WAY = "state in ('ACCEPTED', 'DISPATCHED', 'FISCALIZED')";

    /**
     * Newest first, keyset paging: the page after (acceptedAt, id), so that deep pages stay fast.
     * Finished receipts and those still on their way are read apart, each through its own indexes
     * (see migration V22: the queue's steps must not pay for the list's indexes), and merged.
     */
    List<FiscalJob> page(long accountId, JobFilter filter, PageCursor after, int limit) {
        List<FiscalJob> finished = filter.state() == null || filter.state().isFinal()
                ? pagePart(accountId, FINISHED, filter, after, limit) : List.of();
        List<FiscalJob> onTheWay = filter.state() == null || !filter.state().isFinal()
                ? pagePart(accountId, ON_THE_WAY, filter, after, limit) : List.of();
        if (onTheWay.isEmpty()) {
            return finished;
        }
        if (finished.isEmpty()) {
            return onTheWay;
        }
        return java.util.stream.Stream.concat(finished.stream(), onTheWay.stream())
                .sorted(java.util.Comparator.comparing(FiscalJob::acceptedAt).thenComparing(FiscalJob::id).reversed())
                .limit(limit)
                .toList();
    }

    private List<FiscalJob> pagePart(long accountId, String states, JobFilter filter, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from fiscal_job where account_id = ? and " + states);
        List<Object> params = new java.util.ArrayList<>();
        params.add(accountId);
        where(sql, params, "group_id = ?", filter.groupId());
        where(sql, params, "external_id = ?", filter.externalId());
        where(sql, params, "state = ?", filter.state() == null ? null : filter.state().name());
        where(sql, params, "legal_entity_id = ?", filter.legalEntityId());
        where(sql, params, "register_pk = ?", filter.registerPk());
        where(sql, params, "total_kopecks = ?", filter.totalKopecks());
        where(sql, params, "accepted_at >= ?", filter.from());
        where(sql, params, "accepted_at < ?", filter.to());
        if (after != null) {
            // the first condition bounds the index range; without it PostgreSQL filters every newer row
            sql.append(" and accepted_at <= ? and (accepted_at < ? or id < ?)");
            params.add(after.acceptedAt());
            params.add(after.acceptedAt());
            params.add(after.id());
        }
        sql.append(" order by accepted_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(FiscalJobRepository::job).list();
    }

    /** Adds the condition with its value, unless the value is null ("any"). */
    private static void where(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    /** Waiting jobs past their deadline, locked for the caller's transaction, failed with the error. */
    List<UUID> failExpired(OffsetDateTime now, JobError error, int batch) {
        List<UUID> ids = jdbc.sql("select id from fiscal_job where state = 'ACCEPTED' and deadline_at < ?"
                        + " order by deadline_at limit ? " + vendor.forUpdateSkipLocked())
                .params(now, batch).query(UUID.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    update fiscal_job set state = 'FAILED', failed_at = :now, error_code = :code, error_type = :type,
                           error_text = :text
                     where id in (:ids) and""" + STATE_IS_ACCEPTED)
                    .param("now", now).param("code", error.code()).param("type", error.type())
                    .param("text", error.text()).param("ids", ids)
                    .update();
        }
        return ids;
    }

    // On PostgreSQL a step of the queue and its journal entry are one statement (a data-modifying
    // WITH): one round trip instead of two to four, and nothing read back. H2 takes the statements
    // one by one in the caller's transaction.

    private static final String DISPATCH_SET = """
            update fiscal_job set state = 'DISPATCHED', register_pk = :register, register_id = :registerId,
                   dispatched_at = :now, lease_expires_at = :leaseEnd, acked_at = null,
                   dispatch_count = dispatch_count + 1""";

    /** The claim's select (put in with {@code formatted}) leased and journalled in one statement. */
    private static final String LEASE_AND_JOURNAL = """
            with picked as (%%s),
                 leased as (%s
                             where id in (select id from picked)
                            returning id, group_code, operation, api_version, external_id, request::text as request,
                                      accepted_at),
                 journal as (%s
                             select :account, id, :now, 'DISPATCHED', :register, :detail from leased)
            select id, group_code, operation, api_version, external_id, request from leased order by accepted_at"""
            .formatted(DISPATCH_SET, JobEvents.INSERT_INTO);

    private static final String DISPATCH = DISPATCH_SET + " where id in (:ids) and" + STATE_IS_ACCEPTED;

    String leaseSql() {
        return leaseSql;
    }

    /**
     * Leases up to {@code max} of the oldest waiting jobs of the register's groups and legal entity
     * to it, journalled as given to it, and returns them as tasks. Rows another node is leasing right
     * now are skipped, not waited for.
     */
    List<ReceiptTask> lease(ClaimingRegister register, int max, OffsetDateTime now, OffsetDateTime leaseEnd,
            String detail) {
        if (vendor.isPostgres()) {
            return jdbc.sql(leaseSql)
                    .param("entity", register.legalEntityId())
                    .param("groups", register.groupIds())
                    .param("max", max)
                    .param("account", register.accountId())
                    .param("register", register.registerPk())
                    .param("registerId", register.registerId())
                    .param("now", now)
                    .param("leaseEnd", leaseEnd)
                    .param("detail", detail)
                    .query((rs, n) -> task(rs, leaseEnd))
                    .list();
        }
        List<ReceiptTask> tasks = jdbc.sql(claimSql)
                .param("entity", register.legalEntityId())
                .param("groups", register.groupIds())
                .param("max", max)
                .query((rs, n) -> task(rs, leaseEnd))
                .list();
        if (tasks.isEmpty()) {
            return tasks;
        }
        jdbc.sql(DISPATCH)
                .param("register", register.registerPk())
                .param("registerId", register.registerId())
                .param("now", now)
                .param("leaseEnd", leaseEnd)
                .param("ids", tasks.stream().map(ReceiptTask::jobId).toList())
                .update();
        events.recordAll(tasks.stream().map(task -> new JobEvents.JobEvent(task.jobId(), now, JobEvents.Kind.DISPATCHED,
                register.registerPk(), detail)).toList(), register.accountId());
        return tasks;
    }

    private static ReceiptTask task(ResultSet rs, OffsetDateTime leaseEnd) throws SQLException {
        return new ReceiptTask(rs.getObject("id", UUID.class), rs.getString("group_code"), rs.getString("operation"),
                rs.getString("api_version"), rs.getString("external_id"), rs.getString("request"), leaseEnd);
    }

    List<ReceiptTask> tasks(List<UUID> ids) {
        return jdbc.sql("select id, group_code, operation, api_version, external_id, "
                        + vendor.jsonText("request") + " as request, lease_expires_at from fiscal_job where id in (:ids)"
                        + " order by accepted_at")
                .param("ids", ids)
                .query((rs, n) -> new ReceiptTask(rs.getObject("id", UUID.class), rs.getString("group_code"),
                        rs.getString("operation"), rs.getString("api_version"), rs.getString("external_id"),
                        rs.getString("request"), rs.getObject("lease_expires_at", OffsetDateTime.class)))
                .list();
    }

    private static final String ACK = """
                update fiscal_job set acked_at = ?, lease_expires_at = ?
                 where account_id = ? and id = ? and register_pk = ? and acked_at is null and""" + STATE_IS_DISPATCHED;

    static final String ACK_AND_JOURNAL = """
            with acked as (%s returning id),
                 journal as (%s
                             select ?, id, ?, 'ACKED', ?, null from acked)
            select count(*) from acked""".formatted(ACK, JobEvents.INSERT_INTO);

    /**
     * The register takes a leased job, journalled; from now on only its answer decides the job's
     * outcome. The lease end becomes the time to offer the job to the same register again if no
     * result came.
     */
    boolean ack(long accountId, long registerPk, UUID id, OffsetDateTime now, OffsetDateTime reofferAt) {
        if (vendor.isPostgres()) {
            return jdbc.sql(ACK_AND_JOURNAL).params(now, reofferAt, accountId, id, registerPk, accountId, now, registerPk)
                    .query(Long.class).single() == 1;
        }
        if (jdbc.sql(ACK).params(now, reofferAt, accountId, id, registerPk).update() != 1) {
            return false;
        }
        events.record(accountId, id, now, JobEvents.Kind.ACKED, registerPk, null);
        return true;
    }

    /**
     * Jobs the register acked long ago without a result (it may have restarted): offered to the
     * same register again, which answers with its stored result or fiscalizes it now, once.
     */
    List<UUID> reoffer(ClaimingRegister register, OffsetDateTime now, OffsetDateTime nextOffer) {
        List<UUID> ids = jdbc.sql("select id from fiscal_job where account_id = ? and register_pk = ? and state = 'DISPATCHED'"
                        + " and acked_at is not null and lease_expires_at < ? order by acked_at limit 10 "
                        + vendor.forUpdateSkipLocked())
                .params(register.accountId(), register.registerPk(), now).query(UUID.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("update fiscal_job set lease_expires_at = :next where id in (:ids)")
                    .param("next", nextOffer).param("ids", ids).update();
        }
        return ids;
    }

    private static final String FISCALIZE = """
                update fiscal_job set state = 'FISCALIZED', fiscalized_at = ?, fd_number = ?, fiscal_sign = ?,
                       shift_number = ?, number_in_shift = ?, fiscal_datetime = ?, fiscal_utc_offset = ?, fn_number = ?,
                       registration_number = ?, ffd_version = ?, ofd_inn = ?, lease_expires_at = null,
                       acked_at = coalesce(acked_at, ?)
                 where account_id = ? and id = ? and register_pk = ? and""" + STATE_IS_DISPATCHED;

    static final String FISCALIZE_AND_JOURNAL = """
            with done as (%s returning %s),
                 journal as (%s
                             select account_id, id, fiscalized_at, 'FISCALIZED', register_pk, ? from done)
            select * from done""".formatted(FISCALIZE, COLUMNS, JobEvents.INSERT_INTO);

    /**
     * The register's result, journalled with the detail; the job as it is now, or empty if it was
     * not the register's to fiscalize.
     */
    Optional<FiscalJob> fiscalize(long accountId, long registerPk, UUID id, FiscalData fiscal, OffsetDateTime now,
            String detail) {
        Object[] params = {now, fiscal.fdNumber(), fiscal.fiscalSign(), fiscal.shiftNumber(), fiscal.numberInShift(),
                fiscal.dateTime(), fiscal.dateTime().getOffset().getTotalSeconds(), fiscal.fnNumber(),
                fiscal.registrationNumber(), fiscal.ffdVersion(), fiscal.ofdInn(), now, accountId, id, registerPk};
        if (vendor.isPostgres()) {
            Object[] withDetail = Arrays.copyOf(params, params.length + 1);
            withDetail[params.length] = JobEvents.truncate(detail);
            return jdbc.sql(FISCALIZE_AND_JOURNAL).params(withDetail).query(FiscalJobRepository::job).optional();
        }
        if (jdbc.sql(FISCALIZE).params(params).update() != 1) {
            return Optional.empty();
        }
        events.record(accountId, id, now, JobEvents.Kind.FISCALIZED, registerPk, detail);
        return find(id);
    }

    static final String FAIL_DISPATCHED = """
                update fiscal_job set state = 'FAILED', failed_at = ?, error_code = ?, error_type = ?, error_text = ?,
                       lease_expires_at = null
                 where account_id = ? and id = ? and register_pk = ? and""" + STATE_IS_DISPATCHED;

    boolean failDispatched(long accountId, long registerPk, UUID id, JobError error, OffsetDateTime now) {
        return jdbc.sql(FAIL_DISPATCHED)
                .params(now, error.code(), error.type(), error.text(), accountId, id, registerPk).update() == 1;
    }

    static final String REQUEUE = """
                update fiscal_job set state = 'ACCEPTED', register_pk = null, register_id = null,
                       lease_expires_at = null, acked_at = null
                 where account_id = ? and id = ? and register_pk = ? and""" + STATE_IS_DISPATCHED;

    /** Back to the queue for any register of the group: the register said it did not fiscalize it. */
    boolean requeue(long accountId, long registerPk, UUID id) {
        return jdbc.sql(REQUEUE).params(accountId, id, registerPk).update() == 1;
    }

    private static final String DELIVER_SET = "update fiscal_job set state = 'DELIVERED', delivered_at = :now";

    /**
     * The register's fiscalized jobs with these FD numbers of one FN, through the index made for this.
     * They are in the register's account: a register with fiscalized jobs cannot move to another
     * account. A condition on the account as well would let PostgreSQL walk the list index of the
     * account's jobs on their way instead.
     */
    private static final String DELIVERABLE =
            "register_pk = :register and fn_number = :fn and fd_number in (:fds) and state = 'FISCALIZED'";

    static final String DELIVER_AND_JOURNAL = """
            with done as (%s where %s returning %s),
                 journal as (%s
                             select account_id, id, :now, 'DELIVERED', register_pk, :detail || fd_number from done)
            select * from done""".formatted(DELIVER_SET, DELIVERABLE, COLUMNS, JobEvents.INSERT_INTO);

    /**
     * Marks delivered the jobs the OFD confirmed as these FD numbers of one FN, if this register
     * fiscalized them and they are not delivered yet, and journals each with the detail followed by
     * its FD number; the jobs as they are now.
     */
    List<FiscalJob> deliver(long registerPk, String fnNumber, List<Long> fdNumbers, OffsetDateTime now, String detail) {
        if (vendor.isPostgres()) {
            return jdbc.sql(DELIVER_AND_JOURNAL).param("now", now).param("register", registerPk).param("fn", fnNumber)
                    .param("fds", fdNumbers).param("detail", detail).query(FiscalJobRepository::job).list();
        }
        List<UUID> ids = jdbc.sql("select id from fiscal_job where " + DELIVERABLE + " for update")
                .param("register", registerPk).param("fn", fnNumber).param("fds", fdNumbers).query(UUID.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql(DELIVER_SET + " where id in (:ids)").param("now", now).param("ids", ids).update();
        List<FiscalJob> done = jdbc.sql("select " + COLUMNS + " from fiscal_job where id in (:ids)").param("ids", ids)
                .query(FiscalJobRepository::job).list();
        done.forEach(job -> events.record(job.accountId(), job.id(), now, JobEvents.Kind.DELIVERED, registerPk,
                detail + job.fiscal().fdNumber()));
        return done;
    }

    /** Leased jobs whose register did not ack in time; locked for the caller's transaction. */
    List<FiscalJob> expiredLeases(OffsetDateTime now, int batch) {
        return jdbc.sql("select " + COLUMNS + " from fiscal_job where state = 'DISPATCHED' and acked_at is null"
                        + " and lease_expires_at < ? order by lease_expires_at limit ? " + vendor.forUpdateSkipLocked())
                .params(now, batch).query(FiscalJobRepository::job).list();
    }

    static final String RETURN_LEASE = """
                update fiscal_job set state = 'ACCEPTED', register_pk = null, register_id = null,
                       lease_expires_at = null
                 where id = ? and acked_at is null and""" + STATE_IS_DISPATCHED;

    boolean returnLease(UUID id) {
        return jdbc.sql(RETURN_LEASE).param(id).update() == 1;
    }

    /** Waiting jobs no register may fiscalize, failed with the reason; their ids. */
    List<UUID> failWaiting(long accountId, long groupId, long legalEntityId, JobError error, OffsetDateTime now) {
        List<UUID> ids = jdbc.sql("select id from fiscal_job where account_id = ? and group_id = ? and legal_entity_id = ?"
                        + " and state = 'ACCEPTED' " + vendor.forUpdateSkipLocked())
                .params(accountId, groupId, legalEntityId).query(UUID.class).list();
        for (UUID id : ids) {
            jdbc.sql("""
                    update fiscal_job set state = 'FAILED', failed_at = ?, error_code = ?, error_type = ?, error_text = ?
                     where id = ? and""" + STATE_IS_ACCEPTED)
                    .params(now, error.code(), error.type(), error.text(), id).update();
        }
        return ids;
    }

    Optional<FiscalJob> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from fiscal_job where id = ?").param(id)
                .query(FiscalJobRepository::job).optional();
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
                error,
                (Long) rs.getObject("register_pk", Long.class),
                rs.getString("register_id"),
                rs.getObject("lease_expires_at", OffsetDateTime.class),
                rs.getObject("acked_at", OffsetDateTime.class),
                fiscal(rs));
    }

    private static FiscalData fiscal(ResultSet rs) throws SQLException {
        long fdNumber = rs.getLong("fd_number");
        if (rs.wasNull()) {
            return null;
        }
        return new FiscalData(fdNumber, rs.getLong("fiscal_sign"), rs.getInt("shift_number"),
                rs.getInt("number_in_shift"), rs.getObject("fiscal_datetime", OffsetDateTime.class).toInstant()
                        .atOffset(java.time.ZoneOffset.ofTotalSeconds(rs.getInt("fiscal_utc_offset"))),
                rs.getString("fn_number"), rs.getString("registration_number"), rs.getString("ffd_version"),
                rs.getString("ofd_inn"));
    }

    record NewJob(UUID id, long accountId, long groupId, String groupCode, long legalEntityId, String externalId,
            String operation, String apiVersion, long totalKopecks, OffsetDateTime paymentTime,
            OffsetDateTime deadlineAt, String callbackUrl, String warnings, String requestJson,
            OffsetDateTime acceptedAt) {

        /** The job as the insert stored it, without reading it back. */
        FiscalJob asAccepted() {
            return new FiscalJob(id, accountId, groupId, groupCode, legalEntityId, externalId, operation, apiVersion,
                    JobState.ACCEPTED, totalKopecks, paymentTime, deadlineAt, callbackUrl, warnings, acceptedAt,
                    null, null, null, null, null, null, null, null, null, null);
        }
    }
}
