package ru.openkassa.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.Tenants;

/** Dealers, their clients and register moves through the admin API: the console's rules, as codes and fields. */
@ApiTest
class DealerApiTest {

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;
    @Autowired
    DealerService dealers;
    @Autowired
    RegisterService registers;
    @Autowired
    AuditLog audit;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** An account with its API login's bearer token. */
    private record Side(long account, String number, String bearer) {
    }

    private Side company() {
        Tenants.Tenant tenant = Tenants.create(fleet);
        return new Side(tenant.accountId(), fleet.findAccount(tenant.accountId()).orElseThrow().number(), tenant.bearer(http));
    }

    /** A company whose administrator was flagged dealer and logged in again. */
    private Side dealer() {
        Side side = company();
        long admin = users.create(side.account(), "admin", "admin-password", UserRole.ADMIN);
        dealers.flagUser(side.account(), admin, true);
        dealers.loggedIn(side.account(), admin);
        return side;
    }

    private Http.Response post(Side side, String path, String json) {
        return http.postJson(path, json, "Authorization", side.bearer());
    }

    private Http.Response get(Side side, String path) {
        return http.get(path, "Authorization", side.bearer());
    }

    private Http.Response delete(Side side, String path) {
        return http.send("DELETE", path, "", "Authorization", side.bearer());
    }

    private static void refused(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        if (field != null) {
            assertThat(error.get("field").stringValue()).isEqualTo(field);
        }
        assertThat(error.get("message").get("ru").stringValue()).isNotBlank();
        assertThat(error.get("message").get("en").stringValue()).isNotBlank();
    }

    private static String ask(Side dealer) {
        return "{\"dealer_number\":\"" + dealer.number() + "\"}";
    }

    private long pendingRequest(Side dealer) {
        return get(dealer, "/api/v1/dealer/requests").json().get(0).get("id").longValue();
    }

    @Test
    void aClientAsksTheDealerBlocksUnblocksAndAcceptsIt() {
        Side asc = dealer();
        Side client = company();
        refused(post(client, "/api/v1/my-dealer/requests", "{\"dealer_number\":\"no-such\"}"), 400, "no_such_dealer",
                "dealer_number");
        refused(post(client, "/api/v1/my-dealer/requests", "{\"dealer_number\":\"" + client.number() + "\"}"), 400,
                "no_such_dealer", "dealer_number");
        Http.Response sent = post(client, "/api/v1/my-dealer/requests", ask(asc));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get("state").stringValue()).isEqualTo("pending");
        refused(post(client, "/api/v1/my-dealer/requests", ask(asc)), 409, "already_requested", "dealer_number");

        Http.Response incoming = get(asc, "/api/v1/dealer/requests");
        assertThat(incoming.json().get(0).get("client").get("number").stringValue()).isEqualTo(client.number());
        assertThat(http.postJson("/api/v1/dealer/requests/" + pendingRequest(asc) + "/reject", "{\"block\":true}",
                "Authorization", asc.bearer()).status()).isEqualTo(204);
        refused(post(client, "/api/v1/my-dealer/requests", ask(asc)), 409, "blocked", "dealer_number");
        assertThat(get(asc, "/api/v1/dealer/blocked").body()).contains(client.number());

        assertThat(delete(asc, "/api/v1/dealer/blocked/" + client.number()).status()).isEqualTo(204);
        assertThat(get(asc, "/api/v1/dealer/blocked").json().size()).isZero();
        assertThat(post(client, "/api/v1/my-dealer/requests", ask(asc)).status()).isEqualTo(201);
        assertThat(post(asc, "/api/v1/dealer/requests/" + pendingRequest(asc) + "/accept", "{}").status()).isEqualTo(204);

        assertThat(get(client, "/api/v1/my-dealer").json().get("dealer").get("number").stringValue()).isEqualTo(asc.number());
        refused(post(client, "/api/v1/my-dealer/requests", ask(asc)), 409, "already_served", "dealer_number");
        assertThat(get(asc, "/api/v1/dealer/clients").body()).contains(client.number());
        assertThat(audit.recent(asc.account(), 10)).extracting(e -> e.action())
                .contains("dealer.client-blocked", "dealer.client-unblocked", "dealer.client-accepted");

        assertThat(delete(client, "/api/v1/my-dealer").status()).isEqualTo(204);
        assertThat(dealers.dealerOf(client.account())).isEmpty();
        refused(delete(client, "/api/v1/my-dealer"), 404, "dealer_not_found", null);
    }

    @Test
    void aDealerCreatesAndDeletesClientsButNotWhileTheyHaveRegistersInUse() {
        Side asc = dealer();
        refused(post(asc, "/api/v1/dealer/clients", "{\"name\":\" \"}"), 400, "required", "name");
        Http.Response created = post(asc, "/api/v1/dealer/clients", "{\"name\":\"Кафе «Лето»\"}");
        assertThat(created.status()).isEqualTo(201);
        String number = created.json().get("number").stringValue();
        long client = fleet.findAccountByNumber(number).orElseThrow();
        long entity = fleet.addLegalEntity(client, "ООО «Лето»", Tenants.Tenant.INN, 1, null, "г. Сочи");
        Register register = registers.create(client, entity, "Касса кафе", ZoneId.of("Europe/Moscow"), List.of());

        refused(delete(asc, "/api/v1/dealer/clients/" + number), 409, "has_registers", "number");
        registers.retire(client, register.id());
        assertThat(delete(asc, "/api/v1/dealer/clients/" + number).status()).isEqualTo(204);
        assertThat(get(asc, "/api/v1/dealer/clients").body()).doesNotContain(number);
        refused(delete(asc, "/api/v1/dealer/clients/" + number), 404, "client_not_found", "number");
    }

    @Test
    void dealerEndpointsRefuseNonDealersStrangersAndAnotherDealersIds() {
        Side asc = dealer();
        Side client = company();
        post(client, "/api/v1/my-dealer/requests", ask(asc));
        long request = pendingRequest(asc);

        Side plain = company();
        for (Http.Response response : List.of(get(plain, "/api/v1/dealer/clients"), get(plain, "/api/v1/dealer/requests"),
                post(plain, "/api/v1/dealer/requests/" + request + "/accept", "{}"),
                post(plain, "/api/v1/dealer/clients", "{\"name\":\"Чужой\"}"),
                delete(plain, "/api/v1/dealer/blocked/" + client.number()))) {
            refused(response, 403, "not_a_dealer", null);
        }
        for (Http.Response response : List.of(http.get("/api/v1/dealer/clients"), http.get("/api/v1/my-dealer"),
                http.postJson("/api/v1/dealer/requests/" + request + "/accept", "{}"),
                http.postJson("/api/v1/my-dealer/requests", ask(asc)))) {
            assertThat(response.status()).isEqualTo(401);
        }

        Side another = dealer();
        refused(post(another, "/api/v1/dealer/requests/" + request + "/accept", "{}"), 404, "request_not_found", "id");
        refused(post(another, "/api/v1/dealer/requests/" + request + "/reject", "{}"), 404, "request_not_found", "id");
        refused(post(plain, "/api/v1/my-dealer/requests/" + request + "/cancel", "{}"), 404, "not_found", "id");
        assertThat(dealers.incoming(asc.account())).hasSize(1);

        assertThat(post(asc, "/api/v1/dealer/requests/" + request + "/accept", "{}").status()).isEqualTo(204);
        refused(delete(another, "/api/v1/dealer/clients/" + client.number()), 404, "client_not_found", "number");
        assertThat(dealers.clients(asc.account())).hasSize(1);
    }

    @Test
    void aRegisterMovesToAnotherAccountThatAcceptsItIntoItsLegalEntity() {
        Side from = company();
        Side to = company();
        long entity = fleet.legalEntities(from.account()).getFirst().id();
        Register register = registers.create(from.account(), entity, "Касса на передачу", ZoneId.of("Europe/Moscow"), List.of());
        String path = "/api/v1/registers/" + register.id() + "/transfer";

        refused(post(from, path, "{\"account_number\":\"no-such\"}"), 400, "no_such_account", "account_number");
        refused(post(from, path, "{\"account_number\":\"" + from.number() + "\"}"), 400, "same_account", "account_number");
        refused(post(to, path, "{\"account_number\":\"" + from.number() + "\"}"), 404, "register_not_found", "id");
        Http.Response offered = post(from, path, "{\"account_number\":\"" + to.number() + "\"}");
        assertThat(offered.status()).as(offered.body()).isEqualTo(201);
        assertThat(offered.json().get("to_number").stringValue()).isEqualTo(to.number());
        refused(post(from, path, "{\"account_number\":\"" + to.number() + "\"}"), 409, "already_offered", "id");

        long transfer = get(to, "/api/v1/transfers").json().get(0).get("id").longValue();
        Side stranger = company();
        refused(post(stranger, "/api/v1/transfers/" + transfer + "/accept", "{\"legal_entity_inn\":\"" + Tenants.Tenant.INN + "\"}"),
                404, "transfer_not_found", "id");
        refused(post(stranger, "/api/v1/transfers/" + transfer + "/reject", "{}"), 404, "transfer_not_found", "id");
        refused(post(to, "/api/v1/transfers/" + transfer + "/accept", "{\"legal_entity_inn\":\"5544332219\"}"), 400,
                "legal_entity_not_found", "legal_entity_inn");
        assertThat(http.postJson("/api/v1/transfers/" + transfer + "/accept", "{}").status()).isEqualTo(401);

        assertThat(post(to, "/api/v1/transfers/" + transfer + "/accept", "{\"legal_entity_inn\":\"" + Tenants.Tenant.INN + "\"}")
                .status()).isEqualTo(204);
        assertThat(get(to, "/api/v1/registers/" + register.id()).json().get("register_id").stringValue())
                .as("the register keeps its ID").isEqualTo(register.registerId());
        assertThat(get(from, "/api/v1/registers/" + register.id()).status()).isEqualTo(404);
        assertThat(audit.recent(from.account(), 5)).anyMatch(e -> e.action().equals("register.moved-out"));

        // an offer can be taken back before it is answered
        Register second = registers.create(to.account(), fleet.legalEntities(to.account()).getFirst().id(), "Вторая",
                ZoneId.of("Europe/Moscow"), List.of());
        String secondPath = "/api/v1/registers/" + second.id() + "/transfer";
        post(to, secondPath, "{\"account_number\":\"" + from.number() + "\"}");
        assertThat(get(to, secondPath).json().get("state").stringValue()).isEqualTo("offered");
        refused(delete(from, secondPath), 404, "register_not_found", "id");
        assertThat(delete(to, secondPath).status()).isEqualTo(204);
        assertThat(get(from, "/api/v1/transfers").json().size()).isZero();
        refused(delete(to, secondPath), 404, "transfer_not_found", "id");
    }
}
