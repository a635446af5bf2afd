package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import ru.openkassa.server.platform.DatabaseVendor;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.TestDatabase;

@ApiTest
@TestPropertySource(properties = {"openkassa.receipts.vacuum=always", "openkassa.receipts.vacuum-dead-rows=100",
        "openkassa.receipts.vacuum-interval=1h"})
class QueueVacuumTest {

    @LocalServerPort
    int port;

    @Autowired
    QueueVacuum vacuum;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseVendor vendor;

    @Autowired
    ReceiptsProperties properties;

    @Test
    void theQueueTableIsVacuumedOnceEnoughOfItsRowVersionsAreDead() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "VACUUM is PostgreSQL's");
        leaveDeadVersions();
        long vacuumsBefore = stat("vacuum_count");
        Await.until("the statistics to count the dead versions", Duration.ofSeconds(20),
                () -> stat("n_dead_tup") >= 100);
        long deadBefore = stat("n_dead_tup");

        assertThat(vacuum.vacuumDue()).contains("fiscal_job");

        Await.until("the vacuum in the statistics", Duration.ofSeconds(20), () -> stat("vacuum_count") > vacuumsBefore);
        assertThat(stat("n_dead_tup")).isLessThan(deadBefore);
        assertThat(jdbc.sql("select last_vacuum is not null from pg_stat_user_tables where relname = 'fiscal_job'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void byDefaultTheServerVacuumsOnlyWhereTheClusterDoesNot() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "VACUUM is PostgreSQL's");
        ReceiptsProperties byDefault = new ReceiptsProperties(properties.merchantZone(), properties.maxBodyBytes(),
                properties.janitorInterval(), properties.queueMetricsInterval(), properties.lease(),
                ReceiptsProperties.Vacuum.WHEN_AUTOVACUUM_OFF, properties.vacuumInterval(), 1);
        QueueVacuum whenOff = new QueueVacuum(dataSource, jdbc, vendor, byDefault, new SimpleMeterRegistry());
        leaveDeadVersions();
        Await.until("the statistics to count the dead versions", Duration.ofSeconds(20), () -> stat("n_dead_tup") >= 1);
        boolean autovacuum = "on".equals(jdbc.sql("select current_setting('autovacuum')").query(String.class).single());

        if (autovacuum) {
            assertThat(whenOff.vacuumDue()).isEmpty();
        } else {
            assertThat(whenOff.vacuumDue()).contains("fiscal_job");
        }
    }

    /** Receipts through the API, then their rows updated a few times on one connection. */
    private void leaveDeadVersions() throws SQLException {
        Http http = new Http(port);
        String token = http.postJson("/possystem/v5/getToken", "{\"login\":\"demo\",\"pass\":\"demo-pass\"}")
                .json().get("token").stringValue();
        for (int i = 0; i < 30; i++) {
            http.postJson("/possystem/v5/demo-shop-1/sell", ReceiptJson.sell("vacuum-" + UUID.randomUUID()),
                    "Token", token);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (int i = 0; i < 5; i++) {
                statement.executeUpdate("update fiscal_job set warnings = warnings");
            }
            // a backend reports its table statistics only every second or so: now
            statement.execute("select pg_stat_force_next_flush()");
        }
    }

    private long stat(String column) {
        return jdbc.sql("select " + column + " from pg_stat_user_tables where relname = 'fiscal_job'")
                .query(Long.class).single();
    }
}
