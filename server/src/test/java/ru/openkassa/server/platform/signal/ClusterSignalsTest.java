package ru.openkassa.server.platform.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.TestDatabase;

@ApiTest
class ClusterSignalsTest {

    @Autowired
    ClusterSignals signals;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSteadyStreamOfSignalsLeavesAsOneNotifyPerIntervalAndNoneIsLost() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "LISTEN/NOTIFY needs PostgreSQL");
        List<String> payloads = new ArrayList<>();
        try (Connection connection = TestDatabase.connectToPostgres()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("listen openkassa_signals");
            }
            // a signal every millisecond for 200 ms, as a busy intake sends them
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                signals.publish("test.steady", Integer.toString(i));
                LockSupport.parkNanos(start + (i + 1) * 1_000_000L - System.nanoTime());
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (seen.size() < 200 && System.nanoTime() < deadline) {
                PGNotification[] batch = pg.getNotifications(200);
                for (PGNotification notification : batch == null ? new PGNotification[0] : batch) {
                    String[] lines = notification.getParameter().split("\n");
                    payloads.add(notification.getParameter());
                    for (int i = 1; i < lines.length; i++) {
                        if (lines[i].startsWith("test.steady|")) {
                            seen.add(lines[i]);
                        }
                    }
                }
            }
            assertThat(seen).hasSize(200);
        }
        // 200 ms at one NOTIFY per 5 ms is about 40; one per signal would be 200
        assertThat(payloads.size()).isBetween(2, 60);
    }

    @Test
    void aListenerThatLostItsConnectionSaysSignalsMayHaveBeenMissedAndListensAgain() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "LISTEN/NOTIFY needs PostgreSQL");
        AtomicInteger gaps = new AtomicInteger();
        signals.onGap(gaps::incrementAndGet);
        AtomicInteger received = new AtomicInteger();
        signals.subscribe("test.gap", payload -> received.incrementAndGet());

        // the database ends the listening session, as a restart or a network cut would
        Await.until("the listening session", Duration.ofSeconds(10), () -> jdbc.sql(
                "select count(*) from pg_stat_activity where query = 'listen openkassa_signals'").query(Long.class).single() > 0);
        jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen openkassa_signals'")
                .query().listOfRows();
        Await.until("the gap reported", Duration.ofSeconds(15), () -> gaps.get() > 0);
        assertThat(gaps.get()).isEqualTo(1);

        // listening again: a signal of another node arrives (the payload's first line names the sender)
        Await.until("listening again", Duration.ofSeconds(10), () -> {
            jdbc.sql("select pg_notify('openkassa_signals', 'another-node' || chr(10) || 'test.gap|1')").query().listOfRows();
            return received.get() > 0;
        });
    }
}
