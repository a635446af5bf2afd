package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.ScriptedRegister;
import ru.openkassa.server.support.Tenants;

/**
 * Moving a register to another account (the register makers' servers cannot): offered by its owner,
 * accepted by the other account; the register keeps its ID, its receipts stay with the old owner.
 */
@ApiTest
class ConsoleRegisterTransferTest {

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    RegisterService registers;
    @Autowired
    UserService users;
    @Autowired
    AuditLog audit;

    private record Side(Tenants.Tenant tenant, String number, ConsoleClient console) {
    }

    private Side account() {
        Tenants.Tenant tenant = Tenants.create(fleet);
        users.create(tenant.accountId(), "admin", "admin-password", UserRole.ADMIN);
        String number = fleet.findAccount(tenant.accountId()).orElseThrow().number();
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login(number, "admin", "admin-password").redirect()).isEqualTo("/console/fleet");
        return new Side(tenant, number, console);
    }

    @Test
    void aRegisterMovesWithItsIdOnceItsReceiptsAreDeliveredAndTheReceiptsStayBehind() throws Exception {
        Side from = account();
        Side to = account();
        Http http = new Http(port);
        RoutingGroup group = fleet.findGroupByCode(from.tenant().group()).orElseThrow();
        Register register = registers.create(from.tenant().accountId(), group.legalEntityId(), "Касса на переезд",
                ZoneId.of("Europe/Moscow"), List.of(group.id()));
        ScriptedRegister device = new ScriptedRegister(http, register.registerId(), "SER-MOVE", Tenants.Tenant.INN,
                "9999078900007777");
        assertThat(device.hello().status()).isEqualTo(200);

        // one receipt fiscalized by the register but not yet confirmed by the OFD
        CompletableFuture<JsonNode> polled = CompletableFuture.supplyAsync(() -> device.nextTask(20));
        Thread.sleep(300);
        String atol = from.tenant().atolToken(http);
        String uuid = http.postJson("/possystem/v5/" + from.tenant().group() + "/sell",
                ReceiptJson.sellFor("move-" + UUID.randomUUID(), Tenants.Tenant.INN, "osn", null), "Token", atol)
                .json().get("uuid").stringValue();
        assertThat(polled.get(5, TimeUnit.SECONDS).get("id").stringValue()).isEqualTo(uuid);
        device.ack(uuid);
        assertThat(device.fiscalized(uuid, 501, 1234567890L).status()).isEqualTo(200);

        from.console().get("/console/registers/" + register.id());
        assertThat(from.console().post("/console/registers/" + register.id() + "/transfer", "accountNumber", "no-such").redirect())
                .isEqualTo("/console/registers/" + register.id());
        assertThat(from.console().get("/console/registers/" + register.id()).body()).contains("Клиента с таким номером нет");
        from.console().post("/console/registers/" + register.id() + "/transfer", "accountNumber", to.number());
        assertThat(from.console().get("/console/registers/" + register.id()).body()).contains("ждёт ответа");

        Page incoming = to.console().get("/console/fleet");
        assertThat(incoming.body()).contains("Касса на переезд", register.registerId());
        long transferId = Long.parseLong(incoming.body().replaceAll("(?s).*/console/transfers/(\\d+)/accept.*", "$1"));
        long entity = fleet.legalEntities(to.tenant().accountId()).getFirst().id();

        // another account cannot take it
        ConsoleClient demo = new ConsoleClient(port);
        demo.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        demo.get("/console/fleet");
        assertThat(demo.post("/console/transfers/" + transferId + "/accept", "legalEntity", String.valueOf(entity)).status())
                .isEqualTo(404);

        Page early = to.console().post("/console/transfers/" + transferId + "/accept", "legalEntity", String.valueOf(entity));
        assertThat(to.console().get(early.redirect()).body()).contains("не подтверждённые ОФД");
        assertThat(registers.find(from.tenant().accountId(), register.id())).isPresent();

        assertThat(device.delivered(501).status()).isEqualTo(200);
        Page moved = to.console().post("/console/transfers/" + transferId + "/accept", "legalEntity", String.valueOf(entity));
        assertThat(moved.redirect()).isEqualTo("/console/registers/" + register.id());
        String fromName = fleet.findAccount(from.tenant().accountId()).orElseThrow().name();
        assertThat(to.console().get(moved.redirect()).body()).contains("Касса перешла в вашу учётную запись",
                register.registerId(), "Прежние владельцы", fromName + " (" + from.number() + ") до ");

        Register now = registers.find(to.tenant().accountId(), register.id()).orElseThrow();
        assertThat(now.registerId()).isEqualTo(register.registerId());
        assertThat(now.serial()).isEqualTo("SER-MOVE");
        assertThat(now.legalEntityId()).isEqualTo(entity);
        assertThat(now.groupIds()).isEmpty();
        assertThat(registers.find(from.tenant().accountId(), register.id())).isEmpty();
        assertThat(from.console().get("/console/registers/" + register.id()).status()).isEqualTo(404);

        // the receipt stays with the account that owned the register when it was made
        assertThat(http.get("/api/v1/receipts/" + uuid, "Authorization", from.tenant().bearer(http)).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/receipts/" + uuid, "Authorization", to.tenant().bearer(http)).status()).isEqualTo(404);

        // the old owner's device session ends; the same register says hello again into its new account
        assertThat(device.poll(0).status()).isEqualTo(401);
        assertThat(device.hello().status()).isEqualTo(200);

        assertThat(audit.recent(from.tenant().accountId(), 10)).anyMatch(e -> e.action().equals("register.moved-out")
                && e.actedAsAnotherAccount() && e.actorAccountId() == to.tenant().accountId());
        assertThat(audit.recent(to.tenant().accountId(), 10)).anyMatch(e -> e.action().equals("register.moved-in"));
    }

    @Test
    void anOfferCanBeCancelledOrRejectedAndThenTheRegisterStays() {
        Side from = account();
        Side to = account();
        RoutingGroup group = fleet.findGroupByCode(from.tenant().group()).orElseThrow();
        Register register = registers.create(from.tenant().accountId(), group.legalEntityId(), "Касса остаётся",
                ZoneId.of("Europe/Moscow"), List.of(group.id()));
        String page = "/console/registers/" + register.id();
        from.console().get(page);
        from.console().post(page + "/transfer", "accountNumber", to.number());
        from.console().get(page);
        from.console().post(page + "/transfer", "accountNumber", to.number());
        assertThat(from.console().get(page).body()).contains("Передача этой кассы уже предложена");
        String body = from.console().get(page).body();
        long transferId = Long.parseLong(body.replaceAll("(?s).*/transfer/(\\d+)/cancel.*", "$1"));
        assertThat(from.console().post(page + "/transfer/" + transferId + "/cancel").redirect()).isEqualTo(page);
        assertThat(to.console().get("/console/fleet").body()).doesNotContain("Касса остаётся");

        from.console().post(page + "/transfer", "accountNumber", to.number());
        String incoming = to.console().get("/console/fleet").body();
        long second = Long.parseLong(incoming.replaceAll("(?s).*/console/transfers/(\\d+)/reject.*", "$1"));
        assertThat(to.console().post("/console/transfers/" + second + "/reject").redirect()).isEqualTo("/console/fleet");
        assertThat(to.console().get("/console/fleet").body()).doesNotContain("Касса остаётся");
        Register still = registers.find(from.tenant().accountId(), register.id()).orElseThrow();
        assertThat(still.groupIds()).containsExactly(group.id());
        assertThat(to.console().post("/console/transfers/" + second + "/accept", "legalEntity", "1").status()).isEqualTo(404);
    }
}
