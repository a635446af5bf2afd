package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.Tenants;

@ApiTest
class NativeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    @Autowired
    JdbcClient jdbc;

    Http http;
    String bearer;

    @BeforeEach
    void login() {
        http = new Http(port);
        bearer = bearer("demo", "demo-pass");
    }

    private String bearer(String login, String password) {
        Http.Response response = http.postJson("/api/v1/auth/token",
                "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("expires_at").stringValue()).isNotBlank();
        return "Bearer " + response.json().get("token").stringValue();
    }

    private Http.Response create(String body) {
        return http.postJson("/api/v1/receipts", body, "Authorization", bearer);
    }

    @Test
    void createIsIdempotentByExternalId() {
        String externalId = "order-" + UUID.randomUUID();
        Http.Response created = create(ReceiptJson.nativeSell("demo-shop-1", externalId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode receipt = created.json();
        assertThat(receipt.get("state").stringValue()).isEqualTo("accepted");
        assertThat(receipt.get("status").stringValue()).isEqualTo("wait");
        assertThat(receipt.get("total").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(receipt.get("timeline").get("accepted_at").stringValue()).isNotBlank();
        assertThat(receipt.get("timeline").get("fiscalized_at").isNull()).isTrue();
        assertThat(created.header("Location")).isEqualTo("/api/v1/receipts/" + receipt.get("id").stringValue());

        Http.Response again = create(ReceiptJson.nativeSell("demo-shop-1", externalId));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").stringValue()).isEqualTo(receipt.get("id").stringValue());
    }

    @Test
    void receiptIsFoundByIdAndByExternalId() {
        String externalId = "order-" + UUID.randomUUID();
        String id = create(ReceiptJson.nativeSell("demo-shop-1", externalId)).json().get("id").stringValue();

        Http.Response byId = http.get("/api/v1/receipts/" + id, "Authorization", bearer);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("external_id").stringValue()).isEqualTo(externalId);
        assertThat(byId.json().get("group").stringValue()).isEqualTo("demo-shop-1");

        Http.Response byExternal = http.get("/api/v1/receipts?external_id=" + externalId, "Authorization", bearer);
        assertThat(byExternal.status()).isEqualTo(200);
        assertThat(byExternal.json().get("items")).hasSize(1);
        assertThat(byExternal.json().get("items").get(0).get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void listPagesThroughEveryReceiptOnceNewestFirst() {
        String batch = "page-" + UUID.randomUUID() + "-";
        Tenants.Tenant tenant = Tenants.create(fleet);
        String tenantBearer = bearer(tenant.login(), tenant.password());
        Set<String> createdIds = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String body = ReceiptJson.nativeSell(tenant.group(), batch + i)
                    .replace("5544332219", "7707083893").replace("usn_income", "osn");
            Http.Response response = http.postJson("/api/v1/receipts", body, "Authorization", tenantBearer);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            createdIds.add(response.json().get("id").stringValue());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = http.get("/api/v1/receipts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    "Authorization", tenantBearer);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("id").stringValue()));
            JsonNode next = page.json().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.stringValue();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(createdIds);
    }

    @Test
    void anotherTenantsReceiptIsNotFound() {
        Tenants.Tenant other = Tenants.create(fleet);
        String otherBearer = bearer(other.login(), other.password());
        String id = create(ReceiptJson.nativeSell("demo-shop-1", "order-" + UUID.randomUUID())).json().get("id").stringValue();

        Http.Response response = http.get("/api/v1/receipts/" + id, "Authorization", otherBearer);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("errors").get(0).get("code").stringValue()).isEqualTo("receipt_not_found");
        assertThat(http.get("/api/v1/receipts?group=demo-shop-1", "Authorization", otherBearer).status()).isEqualTo(400);
        // nor can it post into our group
        Http.Response post = http.postJson("/api/v1/receipts", ReceiptJson.nativeSell("demo-shop-1", "x-" + UUID.randomUUID()),
                "Authorization", otherBearer);
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.json().get("errors").get(0).get("code").stringValue()).isEqualTo("group_not_found");
    }

    @Test
    void missingOrBadAuthorizationIs401() {
        long before = jobs();
        Http.Response none = http.postJson("/api/v1/receipts", ReceiptJson.nativeSell("demo-shop-1", "a-" + UUID.randomUUID()));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("errors").get(0).get("code").stringValue()).isEqualTo("unauthorized");
        assertThat(http.get("/api/v1/receipts", "Authorization", "Bearer nonsense").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/receipts/" + UUID.randomUUID()).status()).isEqualTo(401);
        Http.Response wrong = http.postJson("/api/v1/auth/token", "{\"login\": \"demo\", \"password\": \"x\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("errors").get(0).get("code").stringValue()).isEqualTo("wrong_login");
        assertThat(jobs()).isEqualTo(before);
    }

    @Test
    void badInputNamesEveryFieldAndStoresNothing() {
        long before = jobs();
        String body = ReceiptJson.set(ReceiptJson.set(ReceiptJson.nativeSell("demo-shop-1", "order-" + UUID.randomUUID()),
                "/receipt/company/inn", "\"5544332218\""), "/receipt/items/0/quantity", "0");
        Http.Response response = create(body);
        assertThat(response.status()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        response.json().get("errors").forEach(e -> {
            problems.add(e.get("field").stringValue() + "=" + e.get("code").stringValue());
            assertThat(e.get("message").get("ru").stringValue()).isNotBlank();
            assertThat(e.get("message").get("en").stringValue()).isNotBlank();
        });
        assertThat(problems).contains("receipt.company.inn=bad_inn", "receipt.items[0].quantity=not_positive");

        Http.Response noGroup = create("{\"operation\": \"sell\"}");
        assertThat(noGroup.status()).isEqualTo(400);
        assertThat(noGroup.json().get("errors").get(0).get("field").stringValue()).isEqualTo("group");

        Http.Response badOperation = create(ReceiptJson.nativeSell("demo-shop-1", "b-1").replace("\"operation\": \"sell\"",
                "\"operation\": \"steal\""));
        assertThat(badOperation.json().get("errors").get(0).get("field").stringValue()).isEqualTo("operation");

        assertThat(create("not json").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/receipts", "text/plain", "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization", bearer).status()).isEqualTo(415);
        assertThat(http.get("/api/v1/receipts?limit=0", "Authorization", bearer).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/receipts?cursor=bm90LWEtY3Vyc29y", "Authorization", bearer).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/receipts?state=lost", "Authorization", bearer).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/receipts/not-a-uuid", "Authorization", bearer).status()).isEqualTo(404);
        assertThat(jobs()).isEqualTo(before);
    }

    private long jobs() {
        return jdbc.sql("select count(*) from fiscal_job").query(Long.class).single();
    }
}
