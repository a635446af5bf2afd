package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.TestDatabase;
import ru.openkassa.server.support.Tenants;

@ApiTest
class AtolApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FleetService fleet;

    @Autowired
    WebServerApplicationContext context;

    Http http;
    String token;

    @BeforeEach
    void login() {
        http = new Http(port);
        token = token("demo", "demo-pass");
    }

    private String token(String login, String pass) {
        Http.Response response = http.postJson("/possystem/v5/getToken",
                "{\"login\": \"" + login + "\", \"pass\": \"" + pass + "\"}");
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("token").stringValue();
    }

    private Http.Response sell(String group, String body) {
        return http.postJson("/possystem/v5/" + group + "/sell", body, "Token", token);
    }

    /** Whether registration is answered by the handler in front of the servlet stack (the default). */
    boolean direct() {
        return true;
    }

    private static String id() {
        return "order-" + UUID.randomUUID();
    }

    @Test
    void getTokenAnswersInTheAtolShapeByPostAndByQuery() {
        Http.Response post = http.postJson("/possystem/v4/getToken", "{\"login\":\"demo\",\"pass\":\"demo-pass\"}");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.json().get("error").isNull()).isTrue();
        assertThat(post.json().get("token").stringValue()).hasSizeBetween(20, 1000);
        assertThat(post.json().get("timestamp").stringValue()).matches("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}");

        Http.Response get = http.get("/possystem/v5/getToken?login=demo&pass=demo-pass");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("token").stringValue()).isNotEqualTo(post.json().get("token").stringValue());
    }

    @Test
    void wrongPasswordIsError12() {
        Http.Response response = http.postJson("/possystem/v5/getToken", "{\"login\":\"demo\",\"pass\":\"nope\"}");
        assertAtolError(response, 401, 12);
        assertThat(response.json().get("error").get("type").stringValue()).isEqualTo("system");
        assertThat(response.json().get("error").get("error_id").stringValue()).isNotBlank();
    }

    @Test
    void sellIsAcceptedAndItsReportWaitsWithCode34() {
        String externalId = id();
        Http.Response response = sell("demo-shop-1", ReceiptJson.sell(externalId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").stringValue()).isEqualTo("wait");
        assertThat(body.get("error").isNull()).isTrue();
        String uuid = body.get("uuid").stringValue();

        Http.Response report = http.get("/possystem/v5/demo-shop-1/report/" + uuid, "Token", token);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("status").stringValue()).isEqualTo("wait");
        assertThat(report.json().get("error").get("code").intValue()).isEqualTo(34);
        assertThat(report.json().get("external_id").stringValue()).isEqualTo(externalId);
        assertThat(report.json().get("group_code").stringValue()).isEqualTo("demo-shop-1");

        // committed before the answer, with every routing fact and the body as received
        var row = jdbc.sql("select state, group_code, legal_entity_id, total_kopecks, deadline_at, payment_time,"
                        + " accepted_at from fiscal_job where id = ?")
                .param(UUID.fromString(uuid)).query().singleRow();
        assertThat(row.get("state")).isEqualTo("ACCEPTED");
        assertThat(row.get("group_code")).isEqualTo("demo-shop-1");
        assertThat(((Number) row.get("total_kopecks")).longValue()).isEqualTo(60000L);
    }

    @Test
    void deadlineIsPaymentTimePlusTheGroupPolicy() {
        String externalId = id();
        String uuid = sell("demo-shop-1", ReceiptJson.sell(externalId, "01.02.2026 13:45:00")).json().get("uuid").stringValue();
        var times = jdbc.sql("select payment_time, deadline_at from fiscal_job where id = ?")
                .param(UUID.fromString(uuid))
                .query((rs, n) -> List.of(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)))
                .single();
        assertThat(times.get(0).toInstant()).isEqualTo(OffsetDateTime.parse("2026-02-01T13:45:00+03:00").toInstant());
        assertThat(times.get(1).toInstant()).isEqualTo(OffsetDateTime.parse("2026-02-01T13:50:00+03:00").toInstant());
    }

    @Test
    void tokenIsAlsoAcceptedAsQueryParameter() {
        Http.Response response = http.postJson("/possystem/v5/demo-shop-1/sell?token=" + token, ReceiptJson.sell(id()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void duplicateExternalIdIsError33WithTheUuidOfTheFirstReceipt() {
        String externalId = id();
        String first = sell("demo-shop-1", ReceiptJson.sell(externalId)).json().get("uuid").stringValue();
        Http.Response again = sell("demo-shop-1", ReceiptJson.sell(externalId));
        assertAtolError(again, 400, 33);
        assertThat(again.json().get("uuid").stringValue()).isEqualTo(first);
        assertThat(again.json().get("status").stringValue()).isEqualTo("wait");
        assertThat(countJobs(externalId)).isEqualTo(1);
    }

    @Test
    void fiftyIdenticalRequestsAtOnceMakeOneJob() throws Exception {
        String externalId = id();
        String body = ReceiptJson.sell(externalId);
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> new Http(port).postJson("/possystem/v5/demo-shop-1/sell", body, "Token", token));
        }
        List<Http.Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<Http.Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        }
        long created = responses.stream().filter(r -> r.status() == 200).count();
        Set<String> uuids = new HashSet<>();
        for (Http.Response response : responses) {
            assertThat(response.status()).as(response.body()).isIn(200, 400);
            if (response.status() == 400) {
                assertThat(response.json().get("error").get("code").intValue()).isEqualTo(33);
            }
            uuids.add(response.json().get("uuid").stringValue());
        }
        assertThat(created).isEqualTo(1);
        assertThat(uuids).hasSize(1);
        assertThat(countJobs(externalId)).isEqualTo(1);
    }

    @Test
    void sameExternalIdInAnotherGroupIsAnotherReceipt() {
        String externalId = id();
        String first = sell("demo-shop-1", ReceiptJson.sell(externalId)).json().get("uuid").stringValue();
        String vasilek = ReceiptJson.sell(externalId).replace("5544332219", "7728168971").replace("usn_income", "osn");
        Http.Response second = sell("demo-shop-2", vasilek);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("uuid").stringValue()).isNotEqualTo(first);
    }

    @Test
    void v4BodiesAreMappedOntoTheSameModel() {
        String v4 = """
                {"external_id": "%s", "timestamp": "%s",
                 "receipt": {
                   "client": {"phone": "+79001234567"},
                   "company": {"email": "chek@shop.example.ru", "sno": "usn_income", "inn": "5544332219",
                               "payment_address": "https://shop.example.ru"},
                   "items": [{"name": "Колбаса", "price": 1000.00, "quantity": 0.3, "sum": 300.00,
                              "measurement_unit": "кг", "payment_method": "full_payment",
                              "payment_object": "commodity", "vat": {"type": "none"}}],
                   "payments": [{"type": 0, "sum": 300.00}],
                   "total": 300.00}}""".formatted(id(), ReceiptJson.now());
        Http.Response response = http.postJson("/possystem/v4/demo-shop-1/sell", v4, "Token", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String uuid = response.json().get("uuid").stringValue();
        assertThat(http.get("/possystem/v4/demo-shop-1/report/" + uuid, "Token", token).json()
                .get("status").stringValue()).isEqualTo("wait");
    }

    @Test
    void everyOperationIsAccepted() {
        for (String operation : List.of("sell", "sell_refund", "buy", "buy_refund")) {
            Http.Response response = http.postJson("/possystem/v5/demo-shop-1/" + operation, ReceiptJson.sell(id()),
                    "Token", token);
            assertThat(response.status()).as(operation + ": " + response.body()).isEqualTo(200);
        }
        for (String operation : List.of("sell_correction", "buy_correction", "sell_refund_correction",
                "buy_refund_correction")) {
            String correction = ReceiptJson.sell(id())
                    .replace("\"receipt\": {", "\"correction\": {\"correction_info\": {\"type\": \"self\","
                            + " \"base_date\": \"01.02.2026\", \"base_number\": \"7\"},");
            Http.Response response = http.postJson("/possystem/v5/demo-shop-1/" + operation, correction,
                    "Token", token);
            assertThat(response.status()).as(operation + ": " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void reportOfUnknownOrMalformedUuidIsError30() {
        assertAtolError(http.get("/possystem/v5/demo-shop-1/report/" + UUID.randomUUID(), "Token", token), 400, 30);
        assertAtolError(http.get("/possystem/v5/demo-shop-1/report/not-a-uuid", "Token", token), 400, 30);
    }

    @Test
    void anotherAccountsReceiptIsInvisible() {
        Tenants.Tenant other = Tenants.create(fleet);
        String otherToken = token(other.login(), other.password());
        String uuid = sell("demo-shop-1", ReceiptJson.sell(id())).json().get("uuid").stringValue();
        // the other tenant cannot use our group, nor see our receipt through its own group
        assertAtolError(http.get("/possystem/v5/demo-shop-1/report/" + uuid, "Token", otherToken), 401, 20);
        assertAtolError(http.get("/possystem/v5/" + other.group() + "/report/" + uuid, "Token", otherToken), 400, 30);
        // and our token does not open the other tenant's group
        assertAtolError(sell(other.group(), ReceiptJson.sell(id())), 401, 20);
    }

    // ---- bad input: documented code and field, database unchanged ----

    @Test
    void missingTokenIsError10() {
        assertUnchanged(() -> assertAtolError(http.postJson("/possystem/v5/demo-shop-1/sell", ReceiptJson.sell(id())), 401, 10));
        assertUnchanged(() -> assertAtolError(http.postJson("/possystem/v5/demo-shop-1/sell", ReceiptJson.sell(id()),
                "Token", "forged-token"), 401, 10));
    }

    @Test
    void expiredTokenIsError11() throws Exception {
        String expired = "expired-" + UUID.randomUUID();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(expired.getBytes(StandardCharsets.UTF_8)));
        var credential = jdbc.sql("select id, account_id from api_credential where login = 'demo'").query().singleRow();
        jdbc.sql("insert into api_token (token_hash, account_id, credential_id, issued_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(hash, credential.get("account_id"), credential.get("id"), OffsetDateTime.now().minusDays(2),
                        OffsetDateTime.now().minusDays(1))
                .update();
        assertUnchanged(() -> assertAtolError(http.postJson("/possystem/v5/demo-shop-1/sell", ReceiptJson.sell(id()),
                "Token", expired), 401, 11));
    }

    @Test
    void unknownGroupIsError20() {
        assertUnchanged(() -> assertAtolError(sell("no-such-group", ReceiptJson.sell(id())), 401, 20));
    }

    @Test
    void unknownOperationIsError31() {
        assertUnchanged(() -> assertAtolError(http.postJson("/possystem/v5/demo-shop-1/steal", ReceiptJson.sell(id()),
                "Token", token), 400, 31));
        // FFD 1.05 (v4) has no refund corrections
        assertUnchanged(() -> assertAtolError(http.postJson("/possystem/v4/demo-shop-1/sell_refund_correction",
                ReceiptJson.sell(id()), "Token", token), 400, 31));
    }

    @Test
    void wrongContentTypeIsError41() {
        assertUnchanged(() -> assertAtolError(http.post("/possystem/v5/demo-shop-1/sell", "text/plain",
                ReceiptJson.sell(id()).getBytes(StandardCharsets.UTF_8), "Token", token), 415, 41));
    }

    @Test
    void registrationIsAnsweredWhereConfigured() {
        Server server = ((JettyWebServer) context.getWebServer()).getServer();
        boolean installed = server.getDescendants(Handler.class).stream()
                .anyMatch(h -> h.getClass().getSimpleName().equals("AtolIntakeHandler"));
        assertThat(installed).isEqualTo(direct());
        if (direct()) {
            // the handler writes each answer whole, with its length; the servlet stack streams it in chunks
            Http.Response response = sell("demo-shop-1", ReceiptJson.sell(id()));
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().getBytes(
                    StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void answersCarryTheApisHeadersAndAreTimedLikeEveryRequest() {
        Http.Response accepted = sell("demo-shop-1", ReceiptJson.sell(id()));
        Http.Response refused = sell("demo-shop-1", "[]");
        for (Http.Response response : List.of(accepted, refused)) {
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        }
        String metrics = http.get("/actuator/prometheus").body();
        String uri = "uri=\"/possystem/{version}/{group}/{operation}\"";
        assertThat(metrics).contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\","
                + "outcome=\"SUCCESS\",status=\"200\"," + uri + "}");
        assertThat(metrics).contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\","
                + "outcome=\"CLIENT_ERROR\",status=\"400\"," + uri + "}");
    }

    @Test
    void pathsBesideRegistrationAreLeftToTheApplication() {
        // two and four segments, an empty one, another method: none is a registration
        assertAtolError(http.postJson("/possystem/v5/getToken", "{\"login\": \"demo\", \"pass\": \"nope\"}"), 401, 12);
        assertThat(http.postJson("/possystem/v5/demo-shop-1/sell/more", ReceiptJson.sell(id()), "Token", token).status())
                .isEqualTo(404);
        assertThat(http.postJson("/possystem/v5//sell", ReceiptJson.sell(id()), "Token", token).status())
                .isIn(400, 404);
        assertThat(http.send("PUT", "/possystem/v5/demo-shop-1/sell", ReceiptJson.sell(id()), "Token", token).status())
                .isEqualTo(405);
        assertAtolError(http.postJson("/possystem/v6/demo-shop-1/sell", ReceiptJson.sell(id()), "Token", token), 400, 40);
    }

    @Test
    void malformedJsonIsError40() {
        assertUnchanged(() -> assertAtolError(sell("demo-shop-1", "{\"external_id\": \"x\", "), 400, 40));
        assertUnchanged(() -> assertAtolError(sell("demo-shop-1", "[1, 2]"), 400, 40));
    }

    @Test
    void bodyOverOneMegabyteIsRefused() {
        String padding = "x".repeat(1_100_000);
        String body = ReceiptJson.sell(id()).replace("\"timestamp\"", "\"padding\": \"" + padding + "\", \"timestamp\"");
        assertUnchanged(() -> assertAtolError(sell("demo-shop-1", body), 413, 40));
    }

    @Test
    void validationErrorsAreCode32WithTheirFields() {
        String valid = ReceiptJson.sell(id());
        assertInvalid(ReceiptJson.sell("x".repeat(129)), "external_id", "too_long");
        assertInvalid(ReceiptJson.remove(valid, "/external_id"), "external_id", "required");
        assertInvalid(ReceiptJson.set(valid, "/receipt/items/0/sum", "301.00"), "receipt.items[0].sum", "sum_mismatch");
        assertInvalid(ReceiptJson.set(valid, "/receipt/company/inn", "\"5544332218\""), "receipt.company.inn", "bad_inn");
        assertInvalid(ReceiptJson.set(valid, "/receipt/items/1/vat/type", "\"vat99\""), "receipt.items[1].vat.type",
                "unknown_value");
        assertInvalid(ReceiptJson.set(valid, "/receipt/items/0/quantity", "-2"), "receipt.items[0].quantity",
                "not_positive");
        assertInvalid(ReceiptJson.set(valid, "/receipt/items/0/quantity", "0"), "receipt.items[0].quantity",
                "not_positive");
        assertInvalid(ReceiptJson.set(valid, "/receipt/total", "\"600.00\""), "receipt.total", "wrong_type");
        assertInvalid(ReceiptJson.set(valid, "/receipt/items/0/name", "{\"a\": 1}"), "receipt.items[0].name",
                "wrong_type");
        assertInvalid(ReceiptJson.remove(valid, "/receipt/payments"), "receipt.payments", "required");
        assertInvalid(ReceiptJson.set(valid, "/receipt/payments/0/sum", "500.00"), "receipt.payments",
                "payments_mismatch");
        assertInvalid(ReceiptJson.set(valid, "/receipt/total", "900.00"), "receipt.total", "total_mismatch");
        assertInvalid(ReceiptJson.set(valid, "/receipt/client/email", "\"not-an-email\""), "receipt.client.email",
                "bad_format");
        assertInvalid(ReceiptJson.sell(id(), "31.02.2026 10:00:00"), "timestamp", "bad_date");
    }

    @Test
    void aReceiptOfAnotherLegalEntityThanTheGroupsIsRefused() {
        String vasilek = ReceiptJson.sell(id()).replace("5544332219", "7728168971");
        assertInvalid(vasilek, "receipt.company.inn", "inn_not_in_group");
        assertInvalid(ReceiptJson.sell(id()).replace("usn_income", "osn"), "receipt.company.sno", "sno_not_registered");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        String broken = ReceiptJson.set(ReceiptJson.set(ReceiptJson.sell("x".repeat(129)),
                "/receipt/company/inn", "\"12\""), "/receipt/items/0/quantity", "-2");
        Http.Response response = sell("demo-shop-1", broken);
        assertAtolError(response, 400, 32);
        List<String> fields = new ArrayList<>();
        response.json().get("error").get("details").forEach(d -> fields.add(d.get("field").stringValue()));
        assertThat(fields).contains("external_id", "receipt.company.inn", "receipt.items[0].quantity");
    }

    private void assertInvalid(String body, String field, String code) {
        assertUnchanged(() -> {
            Http.Response response = sell("demo-shop-1", body);
            assertAtolError(response, 400, 32);
            assertThat(response.json().get("error").get("text").stringValue()).contains(field);
            List<String> found = new ArrayList<>();
            response.json().get("error").get("details")
                    .forEach(d -> found.add(d.get("field").stringValue() + "=" + d.get("code").stringValue()));
            assertThat(found).as(response.body()).contains(field + "=" + code);
        });
    }

    private static void assertAtolError(Http.Response response, int httpStatus, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(httpStatus);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").intValue()).as(response.body()).isEqualTo(code);
        assertThat(response.json().get("timestamp").stringValue()).isNotBlank();
    }

    private long countJobs(String externalId) {
        return jdbc.sql("select count(*) from fiscal_job where external_id = ?").param(externalId).query(Long.class).single();
    }

    private void assertUnchanged(Runnable action) {
        String before = snapshot();
        action.run();
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Row counts of every table the merchant API writes. */
    private String snapshot() {
        StringBuilder counts = new StringBuilder();
        for (String table : List.of("fiscal_job", "account", "legal_entity", "register_group", "api_credential")) {
            counts.append(table).append('=')
                    .append(jdbc.sql("select count(*) from " + table).query(Long.class).single()).append(' ');
        }
        counts.append(TestDatabase.isPostgres() ? "pg" : "h2");
        return counts.toString();
    }
}
