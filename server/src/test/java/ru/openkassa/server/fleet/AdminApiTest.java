package ru.openkassa.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.Tenants;

/** Legal entities and groups through the admin API: the console's rules, as codes and fields. */
@ApiTest
class AdminApiTest {

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;

    Http http;
    Tenants.Tenant tenant;
    String bearer;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = Tenants.create(fleet);
        bearer = tenant.bearer(http);
    }

    private Http.Response post(String path, String json) {
        return http.postJson(path, json, "Authorization", bearer);
    }

    private static JsonNode firstError(Http.Response response) {
        return response.json().get("errors").get(0);
    }

    @Test
    void aLegalEntityNeedsAnInnThatPassesItsChecksumOncePerAccount() {
        Http.Response bad = post("/api/v1/legal-entities",
                "{\"name\":\"ИП Петров\",\"inn\":\"500100732258\",\"tax_systems\":[\"usn_income\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(firstError(bad).get("code").stringValue()).isEqualTo("bad_checksum");
        assertThat(firstError(bad).get("field").stringValue()).isEqualTo("inn");
        assertThat(firstError(bad).get("message").get("ru").stringValue()).isEqualTo("Неверный ИНН: не сходится контрольное число");
        assertThat(firstError(bad).get("message").get("en").stringValue()).isEqualTo("Wrong INN: its check digit does not match");

        Http.Response envd = post("/api/v1/legal-entities", "{\"name\":\"X\",\"inn\":\"500100732259\",\"tax_systems\":[\"envd\"]}");
        assertThat(firstError(envd).get("field").stringValue()).isEqualTo("tax_systems");

        Http.Response noAddress = post("/api/v1/legal-entities",
                "{\"name\":\"ИП Петров\",\"inn\":\"500100732259\",\"tax_systems\":[\"usn_income\"],\"address\":\"  \"}");
        assertThat(firstError(noAddress).get("field").stringValue()).isEqualTo("address");
        assertThat(firstError(noAddress).get("code").stringValue()).isEqualTo("required");
        Http.Response longAddress = post("/api/v1/legal-entities", "{\"name\":\"ИП Петров\",\"inn\":\"500100732259\","
                + "\"tax_systems\":[\"usn_income\"],\"address\":\"" + "д".repeat(257) + "\"}");
        assertThat(firstError(longAddress).get("code").stringValue()).isEqualTo("too_long");
        assertThat(firstError(longAddress).get("message").get("en").stringValue()).isEqualTo("Address: up to 256 characters");

        Http.Response created = post("/api/v1/legal-entities", "{\"name\":\"ИП Петров\",\"inn\":\"500100732259\","
                + "\"tax_systems\":[\"usn_income\",\"patent\"],\"address\":\"г. Тула, ул. Советская, д. 5\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("address").stringValue()).isEqualTo("г. Тула, ул. Советская, д. 5");
        assertThat(created.json().get("tax_systems").toString()).isEqualTo("[\"usn_income\",\"patent\"]");
        Http.Response twice = post("/api/v1/legal-entities",
                "{\"name\":\"Другой\",\"inn\":\"500100732259\",\"tax_systems\":[\"osn\"],\"address\":\"г. Тула\"}");
        assertThat(firstError(twice).get("code").stringValue()).isEqualTo("taken");
        assertThat(http.get("/api/v1/legal-entities", "Authorization", bearer).body()).contains("500100732259", Tenants.Tenant.INN);
    }

    @Test
    void consoleUsersAreAddedWithTheConsolesRulesAndCanThenLogIn() {
        Http.Response weak = post("/api/v1/users", "{\"login\":\"kassir\",\"password\":\"short\",\"role\":\"operator\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(firstError(weak).get("field").stringValue()).isEqualTo("password");
        assertThat(firstError(weak).get("code").stringValue()).isEqualTo("too_short");
        Http.Response created = post("/api/v1/users", "{\"login\":\"kassir\",\"password\":\"long-enough\",\"role\":\"operator\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("role").stringValue()).isEqualTo("operator");
        Http.Response twice = post("/api/v1/users", "{\"login\":\"kassir\",\"password\":\"long-enough\",\"role\":\"admin\"}");
        assertThat(firstError(twice).get("code").stringValue()).isEqualTo("taken");
        assertThat(http.get("/api/v1/users", "Authorization", bearer).body()).contains("kassir").doesNotContain("long-enough");
        String number = fleet.findAccount(tenant.accountId()).orElseThrow().number();
        assertThat(new ru.openkassa.server.support.ConsoleClient(port).login(number, "kassir", "long-enough").redirect())
                .isEqualTo("/console/fleet");
    }

    @Test
    void aGroupIsAddedWithUniqueCodeAndNameAndRenamed() {
        String code = "api-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = post("/api/v1/groups", "{\"code\":\"" + code + "\",\"name\":\"Склад API\",\"legal_entity_inn\":\""
                + Tenants.Tenant.INN + "\",\"payment_address\":\"https://api.example.ru\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("callback_secret").stringValue()).hasSize(64);
        // a token's groups are cached by each node for a few seconds: a fresh token sees the new group at once
        assertThat(http.get("/api/v1/groups", "Authorization", tenant.bearer(http)).body()).as("open to the login that made it")
                .contains(code);

        Http.Response sameCode = post("/api/v1/groups", "{\"code\":\"" + code + "\",\"name\":\"Другое\",\"legal_entity_inn\":\""
                + Tenants.Tenant.INN + "\",\"payment_address\":\"x\"}");
        assertThat(firstError(sameCode).get("field").stringValue()).isEqualTo("code");
        assertThat(firstError(sameCode).get("code").stringValue()).isEqualTo("taken");
        Http.Response sameName = post("/api/v1/groups", "{\"code\":\"" + code + "-2\",\"name\":\"склад api\",\"legal_entity_inn\":\""
                + Tenants.Tenant.INN + "\",\"payment_address\":\"x\"}");
        assertThat(firstError(sameName).get("field").stringValue()).isEqualTo("name");
        Http.Response noEntity = post("/api/v1/groups", "{\"code\":\"" + code + "-3\",\"name\":\"Третья\",\"legal_entity_inn\":\"5544332219\","
                + "\"payment_address\":\"x\"}");
        assertThat(firstError(noEntity).get("field").stringValue()).as("another account's INN is not this account's")
                .isEqualTo("legal_entity_inn");

        Http.Response renamed = http.send("PATCH", "/api/v1/groups/" + code, "{\"name\":\"Склад на Ленина\"}", "Authorization", bearer);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").stringValue()).isEqualTo("Склад на Ленина");

        Tenants.Tenant other = Tenants.create(fleet);
        Http.Response foreign = http.send("PATCH", "/api/v1/groups/" + other.group(), "{\"name\":\"Моя\"}", "Authorization", bearer);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(fleet.findGroupByCode(other.group()).orElseThrow().name()).isEqualTo("Other shop");
    }
}
