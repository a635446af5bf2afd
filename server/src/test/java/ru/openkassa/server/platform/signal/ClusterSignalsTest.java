package ru.openkassa.server.platform.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
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
