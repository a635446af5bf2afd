package ru.openkassa.server.receipts;

import static ru.openkassa.server.receipts.FiscalJobRepository.FINISHED;
import static ru.openkassa.server.receipts.FiscalJobRepository.ON_THE_WAY;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The numbers of an account's dashboard: receipts by state since a moment, receipts the OFD has not
 * confirmed, receipts close to their deadline, and receipts per minute. Each is one indexed query.
 */
@Service
public class ReceiptStats {

    /** Receipts fiscalized but not confirmed by the OFD: how many, and since when the oldest waits. */
    public record NotDelivered(long count, OffsetDateTime oldestFiscalizedAt) {
    }

    /** A receipt still waiting for a register, and when it fails if none takes it. */
    public record Waiting(UUID id, String externalId, OffsetDateTime deadlineAt) {
    }

    private final JdbcClient jdbc;

    ReceiptStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<JobState, Long> byStateSince(long accountId, OffsetDateTime since) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("select state, count(*) from fiscal_job where account_id = ? and accepted_at >= ? and " + FINISHED
                        + " group by state union all select state, count(*) from fiscal_job where account_id = ?"
                        + " and accepted_at >= ? and " + ON_THE_WAY + " group by state")
                .params(accountId, since, accountId, since)
                .query((rs, n) -> Map.entry(JobState.valueOf(rs.getString(1)), rs.getLong(2)))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    public NotDelivered notDelivered(long accountId) {
        return jdbc.sql("select count(*), min(fiscalized_at) from fiscal_job where account_id = ? and state = 'FISCALIZED'")
                .param(accountId)
                .query((rs, n) -> new NotDelivered(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .single();
    }

    /** Waiting receipts whose deadline is less than {@code within} away (or past), soonest first. */
    public List<Waiting> nearDeadline(long accountId, OffsetDateTime now, Duration within, int limit) {
        return jdbc.sql("select id, external_id, deadline_at from fiscal_job where account_id = ? and state = 'ACCEPTED'"
                        + " and deadline_at < ? order by deadline_at limit ?")
                .params(accountId, now.plus(within), limit)
                .query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    /**
     * Receipts accepted in each minute from {@code since} for {@code minutes} minutes; index 0 is the
     * minute starting at {@code since}.
     */
    public long[] perMinute(long accountId, OffsetDateTime since, int minutes) {
        long[] counts = new long[minutes];
        long base = since.toEpochSecond() / 60;
        String minute = "select floor(extract(epoch from accepted_at) / 60) as m from fiscal_job"
                + " where account_id = ? and accepted_at >= ? and accepted_at < ? and ";
        jdbc.sql("select m, count(*) from (" + minute + FINISHED + " union all " + minute + ON_THE_WAY + ") t group by m")
                .params(accountId, since, since.plusMinutes(minutes), accountId, since, since.plusMinutes(minutes))
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .forEach(e -> {
                    long index = e.getKey() - base;
                    if (index >= 0 && index < minutes) {
                        counts[(int) index] += e.getValue();
                    }
                });
        return counts;
    }
}
