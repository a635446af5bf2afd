package ru.openkassa.server.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.OpenKassaApplication;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.ScriptedRegister;
import ru.openkassa.server.support.TestDatabase;
import ru.openkassa.server.support.Tenants;

/** Leases that run out, and two server nodes on one database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"openkassa.demo.seed=true", "openkassa.receipts.lease=1s",
                "openkassa.receipts.lease-check-interval=200ms", "logging.level.root=WARN"})
@ContextConfiguration(initializers = TestDatabase.class)
class LeaseAndNodesTest {

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    Http http;
    Tenants.Tenant tenant;
    String bearer;
    String atolToken;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = Tenants.create(fleet);
        bearer = tenant.bearer(http);
        atolToken = tenant.atolToken(http);
    }

    private String newRegisterId() {
        return http.postJson("/api/v1/registers", "{\"name\": \"Касса\", \"legal_entity_inn\": \"" + Tenants.Tenant.INN
                + "\", \"groups\": [\"" + tenant.group() + "\"]}", "Authorization", bearer).json()
                .get("register_id").stringValue();
    }

    private String sell() {
        return http.postJson("/possystem/v5/" + tenant.group() + "/sell",
                ReceiptJson.sellFor("lease-" + UUID.randomUUID(), Tenants.Tenant.INN, "osn", null), "Token", atolToken)
                .json().get("uuid").stringValue();
    }

    @Test
    void aLeaseNotAckedInTimeReturnsTheReceiptToTheQueueForAnotherRegister() throws Exception {
        ScriptedRegister slow = new ScriptedRegister(http, newRegisterId(), "LS-1", Tenants.Tenant.INN, "9999078900000011");
        ScriptedRegister other = new ScriptedRegister(http, newRegisterId(), "LS-2", Tenants.Tenant.INN, "9999078900000012");
        slow.hello();
        other.hello();
        String uuid = sell();
        JsonNode task = slow.nextTask(5);
        assertThat(task.get("id").stringValue()).isEqualTo(uuid);

        // the slow register never acks: after the lease the other one gets the same receipt
        JsonNode again = other.nextTask(10);
        assertThat(again).isNotNull();
        assertThat(again.get("id").stringValue()).isEqualTo(uuid);
        Http.Response late = slow.ack(uuid);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("errors").get(0).get("code").stringValue()).isEqualTo("lease_lost");
        assertThat(other.ack(uuid).status()).isEqualTo(200);
        assertThat(other.fiscalized(uuid, 9, 99).status()).isEqualTo(200);
        assertThat(slow.fiscalized(uuid, 1, 1).status()).as("the slow one's late result").isEqualTo(409);
    }

    @Test
    void anAckedReceiptStaysWithItsRegisterPastTheLease() throws Exception {
        ScriptedRegister holder = new ScriptedRegister(http, newRegisterId(), "LS-3", Tenants.Tenant.INN, "9999078900000013");
        ScriptedRegister other = new ScriptedRegister(http, newRegisterId(), "LS-4", Tenants.Tenant.INN, "9999078900000014");
        holder.hello();
        other.hello();
        String uuid = sell();
        assertThat(holder.nextTask(5).get("id").stringValue()).isEqualTo(uuid);
        assertThat(holder.ack(uuid).status()).isEqualTo(200);
        // long past the lease, nobody else gets it: only its register knows whether it printed
        assertThat(other.poll(3).json().get("tasks")).isEmpty();
        // but its own register, silent past the lease (it may have restarted), is offered it again
        JsonNode again = holder.nextTask(5);
        assertThat(again.get("id").stringValue()).isEqualTo(uuid);
        assertThat(holder.fiscalized(uuid, 10, 100).status()).isEqualTo(200);
        assertThat(holder.poll(2).json().get("tasks")).isEmpty();
    }

    @Test
    void aReceiptAcceptedOnOneNodeWakesARegisterWaitingOnAnother() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "LISTEN/NOTIFY needs PostgreSQL; H2 runs one node");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OpenKassaApplication.class)
                .initializers(new TestDatabase())
                .properties("server.port=0", "logging.level.root=WARN")
                .run()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            Http secondNode = new Http(secondPort);
            ScriptedRegister register = new ScriptedRegister(secondNode, newRegisterId(), "LS-5", Tenants.Tenant.INN,
                    "9999078900000015");
            assertThat(register.hello().status()).isEqualTo(200);
            CompletableFuture<JsonNode> polled = CompletableFuture.supplyAsync(() -> register.nextTask(20));
            Thread.sleep(500);
            long start = System.nanoTime();
            String uuid = sell(); // on the first node
            JsonNode task = polled.get(10, TimeUnit.SECONDS);
            Duration wake = Duration.ofNanos(System.nanoTime() - start);
            assertThat(task).isNotNull();
            assertThat(task.get("id").stringValue()).isEqualTo(uuid);
            assertThat(wake).as("woken by the other node, not by the end of the 20 s wait").isLessThan(Duration.ofSeconds(3));
        }
    }
}
