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
    @Autowired
    UserService users;
    @Autowired
    RegisterService registers;
    @Autowired
    ru.openkassa.server.audit.AuditLog audit;

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

        // the address can be changed, not to nothing; another account's entity is not found
        Http.Response blank = http.send("PATCH", "/api/v1/legal-entities/500100732259", "{\"address\":\"\"}", "Authorization", bearer);
        assertThat(firstError(blank).get("code").stringValue()).isEqualTo("required");
        Http.Response moved = http.send("PATCH", "/api/v1/legal-entities/500100732259", "{\"address\":\"г. Тула, ул. Мира, д. 1\"}",
                "Authorization", bearer);
        assertThat(moved.json().get("address").stringValue()).isEqualTo("г. Тула, ул. Мира, д. 1");
        assertThat(http.send("PATCH", "/api/v1/legal-entities/5544332219", "{\"address\":\"x\"}", "Authorization", bearer)
                .status()).as("the demo account's entity").isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/legal-entities/500100732259", "{\"address\":\"x\"}").status()).isEqualTo(401);
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
    void aUsersRoleChangesItsPasswordIsResetAndTheLastAdministratorStays() {
        users.create(tenant.accountId(), "boss", "boss-password", UserRole.ADMIN);
        post("/api/v1/users", "{\"login\":\"kassir\",\"password\":\"kassir-password\"}");

        Http.Response lastAdmin = http.send("PATCH", "/api/v1/users/boss", "{\"role\":\"operator\"}", "Authorization", bearer);
        assertThat(lastAdmin.status()).isEqualTo(400);
        assertThat(firstError(lastAdmin).get("code").stringValue()).isEqualTo("last_admin");
        assertThat(firstError(lastAdmin).get("field").stringValue()).isEqualTo("role");
        Http.Response blockLast = http.send("PATCH", "/api/v1/users/boss", "{\"blocked\":true}", "Authorization", bearer);
        assertThat(firstError(blockLast).get("code").stringValue()).isEqualTo("last_admin");
        assertThat(firstError(blockLast).get("field").stringValue()).isEqualTo("blocked");
        Http.Response unknownRole = http.send("PATCH", "/api/v1/users/kassir", "{\"role\":\"owner\"}", "Authorization", bearer);
        assertThat(firstError(unknownRole).get("code").stringValue()).isEqualTo("bad_format");
        Http.Response notDealer = http.send("PATCH", "/api/v1/users/kassir", "{\"role\":\"dealer_staff\"}", "Authorization", bearer);
        assertThat(firstError(notDealer).get("code").stringValue()).isEqualTo("not_dealer");

        Http.Response promoted = http.send("PATCH", "/api/v1/users/kassir", "{\"role\":\"admin\"}", "Authorization", bearer);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").stringValue()).isEqualTo("admin");
        Http.Response demoted = http.send("PATCH", "/api/v1/users/boss", "{\"role\":\"operator\",\"blocked\":true}",
                "Authorization", bearer);
        assertThat(demoted.json().get("role").stringValue()).isEqualTo("operator");
        assertThat(demoted.json().get("blocked").booleanValue()).isTrue();

        Http.Response weak = post("/api/v1/users/kassir/password", "{\"password\":\"short\"}");
        assertThat(firstError(weak).get("code").stringValue()).isEqualTo("too_short");
        assertThat(post("/api/v1/users/kassir/password", "{\"password\":\"fresh-password\"}").status()).isEqualTo(204);
        String number = fleet.findAccount(tenant.accountId()).orElseThrow().number();
        assertThat(new ru.openkassa.server.support.ConsoleClient(port).login(number, "kassir", "fresh-password").redirect())
                .isEqualTo("/console/fleet");
        assertThat(audit.recent(tenant.accountId(), 10)).extracting(e -> e.action())
                .contains("user.role-changed", "user.blocked", "user.password-reset");

        // another account's user is not found; without a token nothing is changed
        Tenants.Tenant other = Tenants.create(fleet);
        users.create(other.accountId(), "their-admin", "their-password", UserRole.ADMIN);
        users.create(other.accountId(), "their-deputy", "their-password", UserRole.ADMIN);
        assertThat(http.send("PATCH", "/api/v1/users/their-deputy", "{\"role\":\"operator\"}", "Authorization", bearer).status())
                .isEqualTo(404);
        assertThat(post("/api/v1/users/their-deputy/password", "{\"password\":\"taken-over\"}").status()).isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/users/kassir", "{\"role\":\"operator\"}").status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/users/kassir/password", "{\"password\":\"no-token-here\"}").status()).isEqualTo(401);
        assertThat(users.find(other.accountId(), "their-deputy").orElseThrow().role()).isEqualTo(UserRole.ADMIN);
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

    private RoutingGroup newGroup(String code) {
        post("/api/v1/groups", "{\"code\":\"" + code + "\",\"name\":\"Группа " + code + "\",\"legal_entity_inn\":\""
                + Tenants.Tenant.INN + "\",\"payment_address\":\"https://api.example.ru\"}");
        return fleet.findGroupByCode(code).orElseThrow();
    }

    private Http.Response delete(String path, String... authorization) {
        return http.send("DELETE", path, "", authorization);
    }

    @Test
    void aGroupNothingUsesIsDeletedAndOneInUseStays() {
        String code = "del-" + UUID.randomUUID().toString().substring(0, 8);
        RoutingGroup group = newGroup(code);
        Register member = registers.create(tenant.accountId(), group.legalEntityId(), "Касса группы",
                java.time.ZoneId.of("Europe/Moscow"), java.util.List.of(group.id()));
        Http.Response withRegister = delete("/api/v1/groups/" + code, "Authorization", bearer);
        assertThat(withRegister.status()).isEqualTo(409);
        assertThat(firstError(withRegister).get("code").stringValue()).isEqualTo("has_registers");
        assertThat(firstError(withRegister).get("field").stringValue()).isEqualTo("code");
        registers.update(tenant.accountId(), member.id(), member.name(), java.util.List.of());

        // the login that asks may send receipts to the group (it made it): that permission goes with the group
        assertThat(delete("/api/v1/groups/" + code, "Authorization", bearer).status()).isEqualTo(204);
        assertThat(fleet.findGroup(tenant.accountId(), group.id())).isEmpty();
        assertThat(delete("/api/v1/groups/" + code, "Authorization", bearer).status()).isEqualTo(404);
        assertThat(audit.recent(tenant.accountId(), 5)).anyMatch(e -> e.action().equals("group.deleted"));

        // another login's permission keeps it
        RoutingGroup shared = newGroup(code + "-2");
        fleet.addApiCredential(tenant.accountId(), "shop-" + code, "shop-password", java.util.List.of(shared.id()));
        Http.Response withLogin = delete("/api/v1/groups/" + shared.code(), "Authorization", bearer);
        assertThat(withLogin.status()).isEqualTo(409);
        assertThat(firstError(withLogin).get("code").stringValue()).isEqualTo("has_api_logins");

        Tenants.Tenant other = Tenants.create(fleet);
        assertThat(delete("/api/v1/groups/" + other.group(), "Authorization", bearer).status()).isEqualTo(404);
        assertThat(delete("/api/v1/groups/" + shared.code()).status()).isEqualTo(401);
        assertThat(fleet.findGroupByCode(other.group())).isPresent();
        assertThat(fleet.findGroup(tenant.accountId(), shared.id())).isPresent();
    }
}
