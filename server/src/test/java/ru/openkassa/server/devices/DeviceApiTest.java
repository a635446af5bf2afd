package ru.openkassa.server.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

import ru.openkassa.core.register.RegisterId;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.ScriptedRegister;
import ru.openkassa.server.support.Tenants;

@ApiTest
class DeviceApiTest {

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeviceAdmission admission;

    @Autowired
    RegisterService registers;

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    MeterRegistry meters;

    Http http;
    Tenants.Tenant tenant;
    String bearer;
    String atolToken;
    HttpServer store;
    List<Callback> callbacks = new CopyOnWriteArrayList<>();

    record Callback(String body, String signature) {
    }

    @BeforeEach
    void setUp() throws IOException {
        http = new Http(port);
        tenant = Tenants.create(fleet);
        bearer = tenant.bearer(http);
        atolToken = tenant.atolToken(http);
        // the store's callback endpoint: the border of our system, so a plain HTTP server stands in
        store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/cb", exchange -> {
            callbacks.add(new Callback(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-OpenKassa-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        store.start();
    }

    @AfterEach
    void stopStore() {
        store.stop(0);
    }

    private JsonNode createRegister() {
        Http.Response response = http.postJson("/api/v1/registers",
                "{\"name\": \"Касса 1\", \"legal_entity_inn\": \"" + Tenants.Tenant.INN + "\", \"groups\": [\""
                        + tenant.group() + "\"]}", "Authorization", bearer);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private ScriptedRegister register(String serial, String inn) {
        return register(createRegister(), serial, inn);
    }

    /** The register created on the server ({@link #createRegister()}), programmed with its ID. */
    private ScriptedRegister register(JsonNode created, String serial, String inn) {
        return new ScriptedRegister(http, created.get("register_id").stringValue(), serial, inn,
                "99990789" + String.format("%08d", Math.abs(serial.hashCode()) % 100_000_000));
    }

    private String sell(String externalId, String callbackUrl) {
        Http.Response response = http.postJson("/possystem/v5/" + tenant.group() + "/sell",
                ReceiptJson.sellFor(externalId, Tenants.Tenant.INN, "osn", callbackUrl), "Token", atolToken);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("uuid").stringValue();
    }

    private JsonNode report(String uuid) {
        return http.get("/possystem/v5/" + tenant.group() + "/report/" + uuid, "Token", atolToken).json();
    }

    @Test
    void theFirstHelloBindsTheSerialAndAnotherSerialIsRefused() {
        JsonNode created = createRegister();
        String registerId = created.get("register_id").stringValue();
        assertThat(registerId).matches("\\d{10}");
        assertThat(created.get("how_to_enter").stringValue()).contains("ID КАССЫ");
        assertThat(created.get("serial").isNull()).isTrue();

        ScriptedRegister first = new ScriptedRegister(http, registerId, "SER-A", Tenants.Tenant.INN, "9999078900000001");
        assertThat(first.hello().status()).isEqualTo(200);
        assertThat(first.hello().status()).as("the same register again").isEqualTo(200);
        Http.Response other = new ScriptedRegister(http, registerId, "SER-B", Tenants.Tenant.INN, "9999078900000002").hello();
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("errors").get(0).get("code").stringValue()).isEqualTo("serial_mismatch");

        JsonNode seen = http.get("/api/v1/registers/" + created.get("id").longValue(), "Authorization", bearer).json();
        assertThat(seen.get("serial").stringValue()).isEqualTo("SER-A");
        assertThat(seen.get("fn_number").stringValue()).isEqualTo("9999078900000001");
    }

    @Test
    void aNodeFullOfDeviceCallsAnswers503WithRetryAfterAndAWaitingPollHoldsNoPlace() throws Exception {
        ScriptedRegister register = register("S-busy", Tenants.Tenant.INN);
        assertThat(register.hello().status()).isEqualTo(200);
        CompletableFuture<Http.Response> waiting = CompletableFuture.supplyAsync(() -> register.poll(3));
        Thread.sleep(300); // the poll has claimed nothing and waits

        List<DeviceAdmission.Permit> taken = new java.util.ArrayList<>();
        try {
            // every place, taken while the poll waits: it holds none (or this would time out)
            for (int i = 0; i < admission.concurrency(); i++) {
                taken.add(admission.enter());
            }
            for (Http.Response busy : List.of(register.hello(), register.poll(0), register.ack(UUID.randomUUID().toString()))) {
                assertThat(busy.status()).isEqualTo(503);
                assertThat(busy.json().get("errors").get(0).get("code").stringValue()).isEqualTo("server_busy");
                assertThat(Integer.parseInt(busy.header("Retry-After"))).isBetween(2, 10);
            }
        } finally {
            taken.forEach(DeviceAdmission.Permit::close);
        }
        assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(register.hello().status()).isEqualTo(200);
        assertThat(register.poll(0).status()).isEqualTo(200);
    }

    @Test
    void aPollIsTheRegistersLastContactWithinASecondOrTwo() throws Exception {
        JsonNode created = createRegister();
        long pk = created.get("id").longValue();
        ScriptedRegister register = register(created, "S-touch", Tenants.Tenant.INN);
        assertThat(register.hello().status()).isEqualTo(200);
        assertThat(register.poll(0).status()).isEqualTo(200);
        // no heartbeat yet: the poll alone creates the register's state row, batched with others
        Await.until("the poll's contact written", Duration.ofSeconds(10), () -> jdbc.sql(
                "select count(*) from register_state where register_pk = ? and last_poll_at is not null and last_seen_at is not null")
                .param(pk).query(Long.class).single() == 1);
    }

    @Test
    void aWrongOrUnknownRegisterIdIsRefused() {
        String mistyped = createRegister().get("register_id").stringValue();
        char last = mistyped.charAt(9);
        mistyped = mistyped.substring(0, 9) + (char) ('0' + (last - '0' + 1) % 10);
        Http.Response typo = new ScriptedRegister(http, mistyped, "S1", Tenants.Tenant.INN, "9999078900000001").hello();
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("errors").get(0).get("code").stringValue()).isEqualTo("bad_register_id");

        Http.Response unknown = new ScriptedRegister(http, RegisterId.issue(RegisterId.MAX_SEQUENCE).toString(), "S1",
                Tenants.Tenant.INN, "9999078900000001").hello();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("errors").get(0).get("code").stringValue()).isEqualTo("unknown_register");
    }

    @Test
    void reissuingTheIdEndsTheOldOneAtOnce() {
        JsonNode created = createRegister();
        long id = created.get("id").longValue();
        ScriptedRegister old = register(created, "S1", Tenants.Tenant.INN);
        old.hello();
        assertThat(old.poll(0).status()).isEqualTo(200);

        JsonNode reissued = http.postJson("/api/v1/registers/" + id + "/reissue-id", "{}", "Authorization", bearer).json();
        String newId = reissued.get("register_id").stringValue();
        assertThat(newId).isNotEqualTo(created.get("register_id").stringValue());
        assertThat(old.poll(0).status()).isEqualTo(401);
        assertThat(old.hello().status()).isEqualTo(404);
        ScriptedRegister reprogrammed = new ScriptedRegister(http, newId, "S2", Tenants.Tenant.INN, old.fnNumber());
        assertThat(reprogrammed.hello().status()).isEqualTo(200);
    }

    @Test
    void aRegistersNewGroupsRuleItsVeryNextPoll() {
        JsonNode created = createRegister();
        long registerPk = created.get("id").longValue();
        ScriptedRegister register = register(created, "S-groups", Tenants.Tenant.INN);
        assertThat(register.hello().status()).isEqualTo(200);
        // the node now keeps what the register may do: its groups
        assertThat(register.poll(0).json().get("tasks")).isEmpty();

        registers.update(tenant.accountId(), registerPk, "Касса 1", List.of());
        String uuid = sell("groups-" + UUID.randomUUID(), null);
        assertThat(register.poll(0).json().get("tasks")).as("out of the group: none of its receipts").isEmpty();

        long groupId = fleet.findGroupByCode(tenant.group()).orElseThrow().id();
        registers.update(tenant.accountId(), registerPk, "Касса 1", List.of(groupId));
        JsonNode tasks = register.poll(0).json().get("tasks");
        assertThat(tasks).as("back in the group: its receipt at once").hasSize(1);
        assertThat(tasks.get(0).get("id").stringValue()).isEqualTo(uuid);
    }

    @Test
    void aBusyRegisterGetsItsNextReceiptWithTheAnswerToItsResult() {
        ScriptedRegister register = register("S-next", Tenants.Tenant.INN);
        assertThat(register.hello().status()).isEqualTo(200);
        String first = sell("next-1-" + UUID.randomUUID(), null);
        String second = sell("next-2-" + UUID.randomUUID(), null);
        assertThat(register.nextTask(5).get("id").stringValue()).isEqualTo(first);
        assertThat(register.ack(first).status()).isEqualTo(200);

        Http.Response tooMany = register.fiscalizedAndNext(first, 301, 1, 2);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("errors").get(0).get("field").stringValue()).isEqualTo("next");
        assertThat(report(first).get("status").stringValue()).as("a refused call records nothing").isEqualTo("wait");

        Http.Response answer = register.fiscalizedAndNext(first, 301, 1, 1);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("state").stringValue()).isEqualTo("recorded");
        assertThat(answer.json().get("tasks")).hasSize(1);
        assertThat(answer.json().get("tasks").get(0).get("id").stringValue()).isEqualTo(second);
        assertThat(report(first).get("status").stringValue()).isEqualTo("done");

        assertThat(register.ack(second).status()).as("a task given with an answer is leased like a polled one")
                .isEqualTo(200);
        Http.Response last = register.fiscalizedAndNext(second, 302, 2, 1);
        assertThat(last.json().get("tasks")).isEmpty();
    }

    @Test
    void aReceiptTravelsToTheRegisterAtOnceAndIsFiscalizedAndDelivered() throws Exception {
        ScriptedRegister register = register("S-chain", Tenants.Tenant.INN);
        assertThat(register.hello().status()).isEqualTo(200);
        CompletableFuture<JsonNode> polled = CompletableFuture.supplyAsync(() -> register.nextTask(20));
        Thread.sleep(300); // the register is now waiting in its long-poll
        long start = System.nanoTime();
        String externalId = "chain-" + UUID.randomUUID();
        String uuid = sell(externalId, "http://127.0.0.1:" + store.getAddress().getPort() + "/cb");
        JsonNode task = polled.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(task.get("id").stringValue()).isEqualTo(uuid);
        assertThat(task.get("kind").stringValue()).isEqualTo("receipt");
        assertThat(task.get("receipt").get("external_id").stringValue()).isEqualTo(externalId);
        assertThat(task.get("receipt").get("request").get("receipt").get("total").decimalValue()).isEqualByComparingTo("600");
        assertThat(report(uuid).get("status").stringValue()).isEqualTo("wait");

        assertThat(register.ack(uuid).status()).isEqualTo(200);
        assertThat(register.ack(uuid).status()).as("ack repeated after a lost answer").isEqualTo(200);
        assertThat(register.fiscalized(uuid, 133, 3449555941L).status()).isEqualTo(200);

        JsonNode done = report(uuid);
        assertThat(done.get("status").stringValue()).isEqualTo("done");
        JsonNode payload = done.get("payload");
        assertThat(payload.get("fiscal_document_number").longValue()).isEqualTo(133);
        assertThat(payload.get("fiscal_document_attribute").longValue()).isEqualTo(3449555941L);
        assertThat(payload.get("fiscal_receipt_number").intValue()).isEqualTo(3);
        assertThat(payload.get("shift_number").intValue()).isEqualTo(7);
        assertThat(payload.get("receipt_datetime").stringValue()).isEqualTo("24.11.2026 12:00:05");
        assertThat(payload.get("total").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(payload.get("ecr_registration_number").stringValue()).isEqualTo("0000000001012345");
        assertThat(payload.get("ofd_inn").stringValue()).isEqualTo("7704211201");
        assertThat(done.get("delivery").get("delivered").booleanValue()).isFalse();

        assertThat(register.delivered(133).json().get("delivered_recorded").intValue()).isEqualTo(1);
        JsonNode receipt = http.get("/api/v1/receipts/" + uuid, "Authorization", bearer).json();
        assertThat(receipt.get("state").stringValue()).isEqualTo("delivered");
        assertThat(receipt.get("timeline").get("dispatched_at").isNull()).isFalse();
        assertThat(receipt.get("timeline").get("fiscalized_at").isNull()).isFalse();
        assertThat(receipt.get("timeline").get("delivered_at").isNull()).isFalse();
        assertThat(report(uuid).get("delivery").get("delivered").booleanValue()).isTrue();

        // the QR code on the receipt decodes to its QR string
        String qr = receipt.get("qr").stringValue();
        assertThat(qr).isEqualTo("t=20261124T1200&s=600.00&fn=" + register.fnNumber() + "&i=133&fp=3449555941&n=1");
        byte[] png = http.getBytes("/api/v1/receipts/" + uuid + "/qr.png", "Authorization", bearer);
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        var decoded = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true));
        assertThat(decoded.getText()).isEqualTo(qr);

        // the store hears "done" and then the delivery, each signed with the group's secret
        long until = System.currentTimeMillis() + 10_000;
        while (callbacks.size() < 2 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(callbacks).hasSize(2);
        JsonNode groups = http.get("/api/v1/groups", "Authorization", bearer).json();
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("code").stringValue()).isEqualTo(tenant.group());
        String secret = groups.get(0).get("callback_secret").stringValue();
        for (Callback callback : callbacks) {
            assertThat(callback.signature()).isEqualTo("sha256=" + hmac(secret, callback.body()));
            assertThat(callback.body()).contains("\"uuid\":\"" + uuid + "\"", "\"status\":\"done\"");
        }
    }

    @Test
    void receiptsSpreadOverTheWaitingRegistersOfTheGroup() throws Exception {
        ScriptedRegister first = register("S-spread-1", Tenants.Tenant.INN);
        ScriptedRegister second = register("S-spread-2", Tenants.Tenant.INN);
        first.hello();
        second.hello();
        CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> first.nextTask(10));
        CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> second.nextTask(10));
        Thread.sleep(300);
        String one = sell("spread-" + UUID.randomUUID(), null);
        String two = sell("spread-" + UUID.randomUUID(), null);
        JsonNode taskA = a.get(5, TimeUnit.SECONDS);
        JsonNode taskB = b.get(5, TimeUnit.SECONDS);
        assertThat(taskA).as("the first register got work").isNotNull();
        assertThat(taskB).as("the second register got work too").isNotNull();
        assertThat(java.util.Set.of(taskA.get("id").stringValue(), taskB.get("id").stringValue()))
                .containsExactlyInAnyOrder(one, two);
    }

    @Test
    void aRetryableRegisterErrorRequeuesAndAFinalOneFailsTheReceipt() {
        ScriptedRegister register = register("S-errors", Tenants.Tenant.INN);
        register.hello();
        String requeued = sell("retry-" + UUID.randomUUID(), null);
        JsonNode task = register.nextTask(5);
        register.ack(task.get("id").stringValue());
        assertThat(register.failed(requeued, -3807, "Нет бумаги", true).status()).isEqualTo(200);
        assertThat(report(requeued).get("status").stringValue()).isEqualTo("wait");
        JsonNode again = register.nextTask(5);
        assertThat(again.get("id").stringValue()).isEqualTo(requeued);
        register.ack(requeued);
        assertThat(register.failed(requeued, -3835, "Сумма оплаты меньше итога чека", false).status()).isEqualTo(200);
        JsonNode failed = report(requeued);
        assertThat(failed.get("status").stringValue()).isEqualTo("fail");
        assertThat(failed.get("error").get("type").stringValue()).isEqualTo("driver");
        assertThat(failed.get("error").get("code").intValue()).isEqualTo(-3835);
        assertThat(failed.get("error").get("text").stringValue()).isEqualTo("Сумма оплаты меньше итога чека");
    }

    @Test
    void badDeviceCallsAreRefusedAndChangeNothing() {
        ScriptedRegister register = register("S-bad", Tenants.Tenant.INN);
        register.hello();
        String uuid = sell("bad-" + UUID.randomUUID(), null);
        String before = state(uuid);

        assertThat(http.get("/device/v1/tasks?wait=0").status()).isEqualTo(401);
        assertThat(http.get("/device/v1/tasks?wait=0", "Authorization", "Bearer forged").status()).isEqualTo(401);
        assertThat(register.poll(31).status()).isEqualTo(400);
        // a task it never got
        Http.Response foreign = register.fiscalized(uuid, 1, 1);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("errors").get(0).get("code").stringValue()).isEqualTo("unknown_task");
        assertThat(register.ack(uuid).status()).isEqualTo(404);
        assertThat(register.ack("not-a-uuid").status()).isEqualTo(404);
        assertThat(http.postJson("/device/v1/hello", "{\"register_id\": 5").status()).isEqualTo(400);
        assertThat(state(uuid)).isEqualTo(before);

        JsonNode task = register.nextTask(5);
        register.ack(task.get("id").stringValue());
        Http.Response neither = http.postJson("/device/v1/tasks/" + uuid + "/result", "{}", "Authorization",
                "Bearer " + register.token());
        assertThat(neither.status()).isEqualTo(400);
        assertThat(register.fiscalized(uuid, 50, 123).status()).isEqualTo(200);
        assertThat(register.fiscalized(uuid, 50, 123).status()).as("the same result again").isEqualTo(200);
        assertThat(register.fiscalized(uuid, 51, 124).status()).as("another result").isEqualTo(409);
        assertThat(report(uuid).get("payload").get("fiscal_document_number").longValue()).isEqualTo(50);
    }

    @Test
    void aQueueFoundEmptyIsNotReadAgainUntilAReceiptArrives() {
        ScriptedRegister register = register("S-empty", Tenants.Tenant.INN);
        register.hello();
        assertThat(register.poll(0).json().get("tasks")).isEmpty();
        double skipped = claims("known_empty");
        assertThat(register.poll(0).json().get("tasks")).isEmpty();
        assertThat(claims("known_empty")).as("the second poll trusted the first").isEqualTo(skipped + 1);

        String uuid = sell("empty-" + UUID.randomUUID(), null);
        JsonNode tasks = register.poll(0).json().get("tasks");
        assertThat(tasks).as("the receipt's signal ended what was known").hasSize(1);
        assertThat(tasks.get(0).get("id").stringValue()).isEqualTo(uuid);
        assertThat(claims("known_empty")).isEqualTo(skipped + 1);
    }

    private double claims(String queue) {
        io.micrometer.core.instrument.Counter counter = meters.find("openkassa.receipts.claims").tag("queue", queue).counter();
        return counter == null ? 0 : counter.count();
    }

    /** True where the frequent calls are answered in front of the servlet stack (the default). */
    boolean direct() {
        return true;
    }

    @Test
    void theCallsAreAnsweredWhereConfiguredWithTheApisHeadersAndTimer() throws Exception {
        Server server = ((JettyWebServer) context.getWebServer()).getServer();
        assertThat(server.getDescendants(Handler.class).stream()
                .anyMatch(h -> h.getClass().getSimpleName().equals("DeviceCallHandler"))).isEqualTo(direct());
        ScriptedRegister register = register("S-headers", Tenants.Tenant.INN);
        register.hello();
        double before = pollsTimed();
        Http.Response poll = register.poll(0);
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.header("Content-Type")).startsWith("application/json");
        assertThat(poll.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(poll.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(poll.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(poll.json().get("tasks")).isEmpty();
        Await.until("the poll timed", Duration.ofSeconds(5), () -> pollsTimed() == before + 1);
        // what the stack answers around the calls is left to it
        assertThat(http.send("POST", "/device/v1/tasks", "{}", "Authorization", "Bearer " + register.token()).status())
                .isEqualTo(405);
        assertThat(http.get("/device/v1/tasks/", "Authorization", "Bearer " + register.token()).status()).isEqualTo(404);
    }

    private double pollsTimed() {
        io.micrometer.core.instrument.Timer timer = meters.find("http.server.requests").tag("uri", "/device/v1/tasks")
                .tag("method", "GET").tag("status", "200").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void badParametersAndBodiesGetTheOneErrorShapeBeforeTheTokenIsLookedAt() {
        ScriptedRegister register = register("S-shape", Tenants.Tenant.INN);
        register.hello();
        String bearer = "Bearer " + register.token();
        String id = UUID.randomUUID().toString();

        assertError(http.get("/device/v1/tasks?wait=soon", "Authorization", bearer), 400, "bad_format", "wait");
        assertError(http.get("/device/v1/tasks?wait=31", "Authorization", bearer), 400, "out_of_range", "wait");
        assertError(http.get("/device/v1/tasks?wait=0"), 401, "unauthorized", "Authorization");
        assertError(http.postJson("/device/v1/tasks/" + id + "/result?next=x", "{}"), 400, "bad_format", "next");
        assertError(http.post("/device/v1/tasks/" + id + "/result", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type", null);
        assertError(http.postJson("/device/v1/tasks/" + id + "/result", "{\"fiscal\": "), 400, "malformed_json", null);
        assertError(http.postJson("/device/v1/tasks/" + id + "/result", ""), 400, "malformed_json", null);
        assertError(http.postJson("/device/v1/tasks/" + id + "/result", "null"), 400, "malformed_json", null);
        assertError(http.postJson("/device/v1/tasks/" + id + "/result", "{\"fiscal\": {\"fd_number\": \"many\"}}"),
                400, "malformed_json", null);
        assertError(http.postJson("/device/v1/state", "[1]", "Authorization", bearer), 400, "malformed_json", null);
        assertError(http.postJson("/device/v1/state", "{\"delivered\": [{\"fd_number\": 1}]}", "Authorization", bearer),
                400, "required", "delivered[0]");
        assertError(http.postJson("/device/v1/tasks/" + id + "/result?next=2", "{}", "Authorization", bearer),
                400, "out_of_range", "next");
        assertError(http.postJson("/device/v1/tasks/" + id + "/ack", "", "Authorization", bearer), 404, "unknown_task", "id");
        assertError(http.postJson("/device/v1/state", "{}", "Authorization", "Bearer forged"), 401, "unauthorized",
                "Authorization");
        assertThat(http.postJson("/device/v1/state", "{\"mode\": \"idle\", \"unknown_field\": 1}", "Authorization", bearer)
                .json().get("delivered_recorded").intValue()).isZero();
    }

    private static void assertError(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        assertThat(error.has("field") ? error.get("field").stringValue() : null).isEqualTo(field);
        assertThat(error.get("message").get("ru").stringValue()).isNotBlank();
        assertThat(error.get("message").get("en").stringValue()).isNotBlank();
    }

    @Test
    void aGroupWhoseRegistersHaveAnotherInnFailsItsReceiptsWithAReadableError() {
        ScriptedRegister wrong = register("S-inn", "5544332219");
        wrong.hello();
        String uuid = sell("inn-" + UUID.randomUUID(), null);
        assertThat(wrong.poll(1).json().get("tasks")).isEmpty();
        JsonNode failed = report(uuid);
        assertThat(failed.get("status").stringValue()).isEqualTo("fail");
        assertThat(failed.get("error").get("text").stringValue()).contains("ИНН 5544332219", Tenants.Tenant.INN);
    }

    @Test
    void anotherAccountsRegisterIsInvisible() {
        long id = createRegister().get("id").longValue();
        String demoBearer = "Bearer " + http.postJson("/api/v1/auth/token",
                "{\"login\":\"demo\",\"password\":\"demo-pass\"}").json().get("token").stringValue();
        assertThat(http.get("/api/v1/registers/" + id, "Authorization", demoBearer).status()).isEqualTo(404);
        assertThat(http.postJson("/api/v1/registers/" + id + "/reissue-id", "{}", "Authorization", demoBearer).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/registers/" + id).status()).isEqualTo(401);
        Http.Response wrongEntity = http.postJson("/api/v1/registers",
                "{\"name\": \"X\", \"legal_entity_inn\": \"" + Tenants.Tenant.INN + "\"}", "Authorization", demoBearer);
        assertThat(wrongEntity.status()).isEqualTo(400);
        assertThat(wrongEntity.json().get("errors").get(0).get("code").stringValue()).isEqualTo("legal_entity_not_found");
    }

    private String state(String uuid) {
        return jdbc.sql("select state || coalesce(register_id, '') || coalesce(cast(fd_number as varchar(20)), '')"
                + " from fiscal_job where id = ?").param(UUID.fromString(uuid)).query(String.class).single();
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
