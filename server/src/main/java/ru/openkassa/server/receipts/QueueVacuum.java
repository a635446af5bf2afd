package ru.openkassa.server.receipts;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import ru.openkassa.server.platform.DatabaseVendor;

/**
 * Vacuums the queue tables when PostgreSQL will not. Every receipt updates its {@code fiscal_job}
 * row four times within seconds and its callbacks twice, each update leaving a dead row version in
 * the table and in the partial indexes the claim walks; the migration V18 asks autovacuum to clean
 * them every 20 000 changes, but a cluster run with {@code autovacuum = off} never does, and claiming
 * slows down as the dead versions pile up ({@code bench/queue.sh}). So, by default only while the
 * cluster's autovacuum is off, a table with at least {@code vacuum-dead-rows} dead versions is
 * vacuumed (plain VACUUM: no exclusive lock, the queue keeps moving). Several nodes may do it at
 * once: SKIP_LOCKED passes over a table another node is vacuuming. Nothing to do on H2.
 */
@Component
class QueueVacuum {

    private static final Logger log = LoggerFactory.getLogger(QueueVacuum.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final ReceiptsProperties properties;
    private final MeterRegistry meters;

    QueueVacuum(DataSource dataSource, JdbcClient jdbc, DatabaseVendor vendor, ReceiptsProperties properties,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.postgres = vendor.isPostgres();
        this.properties = properties;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${openkassa.receipts.vacuum-interval:10s}")
    void vacuumIfDue() {
        if (!postgres || properties.vacuum() == ReceiptsProperties.Vacuum.NEVER) {
            return;
        }
        try {
            vacuumDue();
        } catch (RuntimeException | SQLException e) {
            log.warn("queue tables not vacuumed: {}", e.getMessage());
        }
    }

    /** Vacuums each queue table over the threshold; the names of the ones vacuumed. */
    List<String> vacuumDue() throws SQLException {
        if (properties.vacuum() == ReceiptsProperties.Vacuum.WHEN_AUTOVACUUM_OFF
                && !"off".equals(jdbc.sql("select current_setting('autovacuum')").query(String.class).single())) {
            return List.of();
        }
        // the tables every receipt updates (the insert-only events leave no dead versions), by the
        // statistics' count of dead versions, which autovacuum itself decides by
        List<String> due = jdbc.sql("""
                select relname from pg_stat_user_tables
                 where relid in (to_regclass('fiscal_job'), to_regclass('callback_outbox')) and n_dead_tup >= ?
                 order by relname""")
                .param(properties.vacuumDeadRows()).query(String.class).list();
        if (due.isEmpty()) {
            return due;
        }
        // VACUUM cannot run inside a transaction block: its own connection in autocommit
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : due) {
                long started = System.nanoTime();
                statement.execute("vacuum (skip_locked) " + table);
                long ms = (System.nanoTime() - started) / 1_000_000;
                meters.counter("openkassa.queue.vacuums", "table", table).increment();
                log.info("vacuumed {} in {} ms", table, ms);
            }
        }
        return due;
    }
}
