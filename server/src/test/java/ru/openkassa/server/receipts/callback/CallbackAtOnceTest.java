package ru.openkassa.server.receipts.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import com.sun.net.httpserver.HttpServer;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.TestDatabase;

/**
 * Callbacks go out right after the commit that stored them, from the node that stored them. The
 * poller here waits an hour between rounds, so whatever reaches the store went at once.
 */
@SpringBootTest(properties = {"openkassa.demo.seed=true", "openkassa.receipts.callback-interval=1h",
        "openkassa.receipts.janitor-interval=1h", "logging.level.root=WARN"})
@ContextConfiguration(initializers = TestDatabase.class)
class CallbackAtOnceTest {

    @Autowired
    CallbackSender sender;

    @Autowired
    FleetService fleet;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    HttpServer store;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    RoutingGroup group;

    @BeforeEach
    void startStore() throws IOException {
        // the store's endpoint: the border of our system, so a plain HTTP server stands in
        store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/callback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(body + " " + exchange.getRequestHeaders().getFirst(CallbackSender.SIGNATURE_HEADER));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        store.start();
        group = fleet.findGroupByCode("demo-shop-1").orElseThrow();
    }

    @AfterEach
    void stopStore() {
        store.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + store.getAddress().getPort() + "/callback";
    }

    @Test
    void aCallbackIsSentRightAfterTheCommitAndItsOutcomeWritten() throws InterruptedException {
        UUID job = UUID.randomUUID();
        String body = "{\"uuid\":\"" + job + "\",\"status\":\"done\"}";
        transaction.executeWithoutResult(status -> sender.enqueue(group.accountId(), group.id(), job, url(), body,
                OffsetDateTime.now()));

        Await.until("the store got the callback", Duration.ofSeconds(10), () -> received.size() == 1);
        assertThat(received.get(0)).isEqualTo(body + " sha256=" + CallbackSender.sign(group.callbackSecret(), body));
        Await.until("the delivery is written", Duration.ofSeconds(10), () -> row(job).get("delivered_at") != null);
        Map<String, Object> row = row(job);
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("last_status")).isEqualTo(200);
    }

    @Test
    void nothingIsSentForATransactionRolledBack() throws InterruptedException {
        UUID job = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            sender.enqueue(group.accountId(), group.id(), job, url(), "{}", OffsetDateTime.now());
            status.setRollbackOnly();
        });
        Thread.sleep(500);
        assertThat(received).isEmpty();
        assertThat(jdbc.sql("select count(*) from callback_outbox where job_id = ?").param(job).query(Long.class).single())
                .isZero();
    }

    @Test
    void aFailedFirstAttemptIsLeftToThePollerWithItsBackoff() throws InterruptedException {
        failuresLeft.set(1);
        UUID job = UUID.randomUUID();
        OffsetDateTime before = OffsetDateTime.now();
        transaction.executeWithoutResult(status -> sender.enqueue(group.accountId(), group.id(), job, url(), "{}",
                OffsetDateTime.now()));

        Await.until("the failed attempt is written", Duration.ofSeconds(10),
                () -> ((Number) row(job).get("attempts")).intValue() == 1);
        Map<String, Object> row = row(job);
        assertThat(row.get("last_status")).isEqualTo(503);
        assertThat(row.get("last_error")).isEqualTo("HTTP 503");
        assertThat(row.get("delivered_at")).isNull();
        // the poller's first retry, 10 s on: no longer the two minutes the row was out of its reach
        OffsetDateTime next = (OffsetDateTime) jdbc.sql("select next_attempt_at from callback_outbox where job_id = ?")
                .param(job).query(OffsetDateTime.class).single();
        assertThat(next).isBetween(before.plusSeconds(9), OffsetDateTime.now().plusSeconds(11));
        assertThat(received).isEmpty();
    }

    @Test
    void withoutATransactionThePollerSendsIt() {
        UUID job = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS);
        sender.enqueue(group.accountId(), group.id(), job, url(), "{}", now);
        Map<String, Object> row = row(job);
        assertThat(row.get("attempts")).isEqualTo(0);
        assertThat(jdbc.sql("select count(*) from callback_outbox where job_id = ? and next_attempt_at <= ?")
                .params(job, now).query(Long.class).single()).isEqualTo(1);
    }

    private Map<String, Object> row(UUID job) {
        return jdbc.sql("select attempts, last_status, last_error, delivered_at from callback_outbox where job_id = ?")
                .param(job).query().singleRow();
    }
}
