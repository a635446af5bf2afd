package ru.openkassa.server.receipts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The queue's depth over time: once a minute, per account, how many receipts wait for a register
 * and how many a register holds unfiscalized. One count over the small index of receipts on their
 * way; the samples are kept two days. Every node samples: the first row of a minute wins.
 */
@Service
public class QueueDepthHistory {

    static final Duration KEPT = Duration.ofDays(2);

    /** Per minute from {@code since}: receipts waiting for a register, and receipts at one. */
    public record Depths(long[] waiting, long[] atRegister) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    QueueDepthHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "${openkassa.receipts.queue-depth-cron:0 * * * * *}")
    public void sample() {
        OffsetDateTime minute = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        jdbc.sql("""
                select account_id, sum(case when state = 'ACCEPTED' then 1 else 0 end),
                       sum(case when state = 'DISPATCHED' then 1 else 0 end)
                  from fiscal_job where state in ('ACCEPTED', 'DISPATCHED', 'FISCALIZED') group by account_id""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .list()
                .stream()
                .filter(row -> row[1] + row[2] > 0)
                .forEach(row -> {
                    try {
                        jdbc.sql("insert into queue_depth_sample (account_id, sampled_at, waiting, at_register)"
                                        + " values (?, ?, ?, ?)")
                                .params(row[0], minute, row[1], row[2]).update();
                    } catch (DuplicateKeyException sampledByAnotherNode) {
                        // the same minute's count, taken a moment earlier
                    }
                });
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void prune() {
        jdbc.sql("delete from queue_depth_sample where sampled_at < ?").param(OffsetDateTime.now(clock).minus(KEPT))
                .update();
    }

    /** The depths of {@code minutes} minutes from {@code since}; a minute without a sample had an empty queue. */
    public Depths perMinute(long accountId, OffsetDateTime since, int minutes) {
        long[] waiting = new long[minutes];
        long[] atRegister = new long[minutes];
        long base = since.toEpochSecond() / 60;
        jdbc.sql("select sampled_at, waiting, at_register from queue_depth_sample"
                        + " where account_id = ? and sampled_at >= ? and sampled_at < ?")
                .params(accountId, since, since.plusMinutes(minutes))
                .query((rs, n) -> {
                    long index = rs.getObject(1, OffsetDateTime.class).toEpochSecond() / 60 - base;
                    if (index >= 0 && index < minutes) {
                        waiting[(int) index] = rs.getLong(2);
                        atRegister[(int) index] = rs.getLong(3);
                    }
                    return index;
                })
                .list();
        return new Depths(waiting, atRegister);
    }
}
