package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.Tenants;

/** Dealers (service centres) and their clients over real HTTP, as service centres work with them in the register makers' KKT servers. */
@ApiTest
class ConsoleDealerTest {

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

    private record Side(long account, String number, long adminId, ConsoleClient console) {
    }

    /** A client company with its legal entity, group and an administrator logged in. */
    private Side company() {
        Tenants.Tenant tenant = Tenants.create(fleet);
        long admin = users.create(tenant.accountId(), "admin", "admin-password", UserRole.ADMIN);
        String number = fleet.findAccount(tenant.accountId()).orElseThrow().number();
        return new Side(tenant.accountId(), number, admin, login(number));
    }

    private ConsoleClient login(String number) {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login(number, "admin", "admin-password").redirect()).isEqualTo("/console/fleet");
        console.get("/console/dealer");
        return console;
    }

    /** A service centre: its administrator flagged dealer, logged in again. */
    private Side dealer() {
        Side side = company();
        side.console().get("/console/users");
        side.console().post("/console/users/" + side.adminId() + "/dealer", "dealer", "true");
        assertThat(dealers.isDealer(side.account())).as("only after logging in again").isFalse();
        ConsoleClient again = login(side.number());
        assertThat(dealers.isDealer(side.account())).isTrue();
        return new Side(side.account(), side.number(), side.adminId(), again);
    }

    private long requestId(Side dealer) {
        return dealers.incoming(dealer.account()).getFirst().id();
    }

    @Test
    void aClientAsksADealerWhoAcceptsEntersItAndWorksThereUnderAudit() {
        Side asc = dealer();
        Side client = company();

        client.console().post("/console/dealer/requests", "dealerNumber", "no-such");
        assertThat(client.console().get("/console/dealer").body()).contains("Дилера с таким номером нет");
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        client.console().get("/console/dealer");
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        assertThat(client.console().get("/console/dealer").body()).contains("Заявка этому дилеру уже подана");

        Page incoming = asc.console().get("/console/dealer");
        assertThat(incoming.body()).contains(client.number(), "Принять");
        assertThat(asc.console().post("/console/dealer/incoming/" + requestId(asc) + "/accept").redirect())
                .isEqualTo("/console/dealer");
        assertThat(client.console().get("/console/dealer").body()).contains("Учётную запись обслуживает дилер");
        assertThat(dealers.clients(asc.account())).extracting(a -> a.id()).containsExactly(client.account());

        // the dealer enters its client: a banner says so, and what it does lands in the client's log
        asc.console().get("/console/dealer");
        assertThat(asc.console().post("/console/dealer/clients/" + client.account() + "/enter").redirect())
                .isEqualTo("/console/fleet");
        Page inside = asc.console().get("/console/fleet");
        assertThat(inside.body()).contains("id=\"acting-banner\"", "вы работаете в учётной записи клиента", "Other shop");
        long entity = fleet.legalEntities(client.account()).getFirst().id();
        Page created = asc.console().post("/console/registers", "name", "Касса от дилера", "legalEntity", String.valueOf(entity));
        assertThat(created.status()).isEqualTo(302);
        assertThat(registers.list(client.account())).anyMatch(r -> r.name().equals("Касса от дилера"));
        assertThat(audit.recent(client.account(), 10)).anyMatch(e -> e.action().equals("register.created")
                && e.actorAccountId() == asc.account() && e.actedAsAnotherAccount());
        assertThat(asc.console().get("/console/audit").body()).contains("из другой учётной записи");

        asc.console().post("/console/dealer/exit");
        assertThat(asc.console().get("/console/fleet").body()).doesNotContain("acting-banner", "Касса от дилера");

        // a served company cannot become a dealer
        client.console().get("/console/users");
        client.console().post("/console/users/" + client.adminId() + "/dealer", "dealer", "true");
        assertThat(client.console().get("/console/users").body()).contains("не может стать дилером");

        // the client leaves; a dealer still inside is sent out at its next page
        asc.console().get("/console/dealer");
        asc.console().post("/console/dealer/clients/" + client.account() + "/enter");
        client.console().get("/console/dealer");
        assertThat(client.console().post("/console/dealer/disconnect").redirect()).isEqualTo("/console/dealer");
        assertThat(dealers.dealerOf(client.account())).isEmpty();
        assertThat(asc.console().get("/console/fleet").redirect()).startsWith("/console/login");
    }

    @Test
    void aRequestCanBeCancelledRejectedOrBlocked() {
        Side asc = dealer();
        Side client = company();
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        long first = dealers.requestsOf(client.account()).getFirst().id();
        client.console().get("/console/dealer");
        client.console().post("/console/dealer/requests/" + first + "/cancel");
        assertThat(dealers.incoming(asc.account())).isEmpty();

        client.console().get("/console/dealer");
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        asc.console().get("/console/dealer");
        asc.console().post("/console/dealer/incoming/" + requestId(asc) + "/reject", "block", "true");
        client.console().get("/console/dealer");
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        assertThat(client.console().get("/console/dealer").body()).contains("Дилер не принимает заявки от этой учётной записи");
        assertThat(dealers.incoming(asc.account())).isEmpty();
        assertThat(dealers.dealerOf(client.account())).isEmpty();
    }

    @Test
    void aDealerUnblocksAClientWhichMayThenAskAgain() {
        Side asc = dealer();
        Side client = company();
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        asc.console().get("/console/dealer");
        asc.console().post("/console/dealer/incoming/" + requestId(asc) + "/reject", "block", "true");
        Page page = asc.console().get("/console/dealer");
        assertThat(page.body()).contains("Заблокированные заявители", "id=\"unblock-" + client.number() + "\"");

        // nobody else lifts the block: another dealer, or the client itself, hear "not found"
        Side another = dealer();
        assertThat(another.console().post("/console/dealer/blocked/" + client.account() + "/unblock").status()).isEqualTo(404);
        client.console().get("/console/dealer");
        assertThat(client.console().post("/console/dealer/blocked/" + client.account() + "/unblock").status()).isEqualTo(404);
        assertThat(dealers.blocked(asc.account())).hasSize(1);

        assertThat(asc.console().post("/console/dealer/blocked/" + client.account() + "/unblock").redirect())
                .isEqualTo("/console/dealer");
        assertThat(asc.console().get("/console/dealer").body()).contains("Клиент разблокирован")
                .doesNotContain("id=\"unblock-" + client.number() + "\"");
        assertThat(audit.recent(asc.account(), 5)).anyMatch(e -> e.action().equals("dealer.client-unblocked")
                && e.target().contains(client.number()));

        client.console().get("/console/dealer");
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        assertThat(dealers.incoming(asc.account())).extracting(r -> r.client().id()).containsExactly(client.account());
    }

    @Test
    void dealerStaffEnterClientsAndServeTheirRegistersButDoNotRunTheDealer() {
        Side asc = dealer();
        Side client = company();
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        asc.console().get("/console/users");
        asc.console().post("/console/users", "login", "engineer", "password", "engineer-password", "role", "DEALER_STAFF");
        assertThat(users.find(asc.account(), "engineer").orElseThrow().role()).isEqualTo(UserRole.DEALER_STAFF);
        Side other = company();
        other.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        dealers.accept(asc.account(), dealers.incoming(asc.account()).stream()
                .filter(r -> r.client().id() == client.account()).findFirst().orElseThrow().id());
        long pending = requestId(asc);

        ConsoleClient staff = new ConsoleClient(port);
        assertThat(staff.login(asc.number(), "engineer", "engineer-password").redirect()).isEqualTo("/console/fleet");
        Page dealerPage = staff.get("/console/dealer");
        assertThat(dealerPage.body()).contains(client.number(), other.number(), "id=\"enter-" + client.number() + "\"")
                .doesNotContain("id=\"accept-", "id=\"delete-", "id=\"add-client\"");
        // the dealer's business stays its administrators': requests, clients, users, its own registers
        for (Page refused : java.util.List.of(staff.post("/console/dealer/incoming/" + pending + "/accept"),
                staff.post("/console/dealer/incoming/" + pending + "/reject", "block", "true"),
                staff.post("/console/dealer/clients", "name", "Клиент сотрудника"),
                staff.post("/console/dealer/clients/" + client.account() + "/close"),
                staff.post("/console/users", "login", "intruder", "password", "intruder-password"),
                staff.post("/console/registers", "name", "Касса дилера",
                        "legalEntity", String.valueOf(fleet.legalEntities(asc.account()).getFirst().id())),
                staff.get("/console/users"), staff.get("/console/registers/new"))) {
            assertThat(refused.status()).isEqualTo(403);
        }
        assertThat(dealers.incoming(asc.account())).hasSize(1);
        assertThat(registers.list(asc.account())).isEmpty();

        // inside a client the staff look after its registers and groups, not its users, entities or dealer
        staff.get("/console/dealer");
        assertThat(staff.post("/console/dealer/clients/" + client.account() + "/enter").redirect()).isEqualTo("/console/fleet");
        assertThat(staff.get("/console/fleet").body()).contains("id=\"acting-banner\"", "id=\"add-register\"");
        long entity = fleet.legalEntities(client.account()).getFirst().id();
        staff.get("/console/registers/new");
        assertThat(staff.post("/console/registers", "name", "Касса от инженера", "legalEntity", String.valueOf(entity)).status())
                .isEqualTo(302);
        var register = registers.list(client.account()).stream().filter(r -> r.name().equals("Касса от инженера"))
                .findFirst().orElseThrow();
        assertThat(staff.get("/console/registers/" + register.id()).body()).contains("id=\"reissue\"")
                .doesNotContain("id=\"transfer\"");
        assertThat(staff.post("/console/registers/" + register.id() + "/reissue-id").status()).isEqualTo(302);
        assertThat(audit.recent(client.account(), 5)).anyMatch(e -> e.action().equals("register.created")
                && e.actorLogin().equals("engineer") && e.actorAccountId() == asc.account());
        for (Page refused : java.util.List.of(
                staff.post("/console/entities", "name", "ООО", "inn", "500100732259", "taxSystems", "OSN", "address", "г. Омск"),
                staff.post("/console/registers/" + register.id() + "/transfer", "accountNumber", other.number()),
                staff.post("/console/dealer/disconnect"),
                staff.get("/console/users"))) {
            assertThat(refused.status()).isEqualTo(403);
        }
        assertThat(dealers.dealerOf(client.account())).isPresent();

        staff.post("/console/dealer/exit");
        assertThat(staff.get("/console/fleet").body()).doesNotContain("id=\"add-register\"");
    }

    @Test
    void aDealerDeletesAClientOnlyWithoutRegistersInUse() {
        Side asc = dealer();
        Side client = company();
        client.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        dealers.accept(asc.account(), requestId(asc));
        var register = registers.create(client.account(), fleet.legalEntities(client.account()).getFirst().id(),
                "Касса клиента", java.time.ZoneId.of("Europe/Moscow"), java.util.List.of());

        asc.console().get("/console/dealer");
        asc.console().post("/console/dealer/clients/" + client.account() + "/close");
        assertThat(asc.console().get("/console/dealer").body()).contains("у неё есть действующие кассы");
        assertThat(dealers.clients(asc.account())).hasSize(1);

        registers.retire(client.account(), register.id());
        asc.console().post("/console/dealer/clients/" + client.account() + "/close");
        assertThat(asc.console().get("/console/dealer").body()).contains("Учётная запись клиента удалена")
                .doesNotContain("id=\"enter-" + client.number() + "\"");
        assertThat(dealers.clients(asc.account())).isEmpty();
        // nobody works in a deleted account any more: its sessions end, its users cannot log in
        assertThat(client.console().get("/console/fleet").redirect()).startsWith("/console/login");
        assertThat(new ConsoleClient(port).login(client.number(), "admin", "admin-password").body())
                .contains("Неверный клиент, пользователь или пароль");
        assertThat(asc.console().post("/console/dealer/clients/" + client.account() + "/close").status()).isEqualTo(404);
    }

    @Test
    void aDealerThatKeptAClientAsAGroupMovesItsRegisterIntoANewClientAccount() {
        Side asc = dealer();
        var group = fleet.groups(asc.account()).getFirst();
        var register = registers.create(asc.account(), group.legalEntityId(), "Касса клиента-группы",
                java.time.ZoneId.of("Europe/Moscow"), java.util.List.of(group.id()));
        asc.console().post("/console/dealer/clients", "name", "Бывшая группа");
        var client = dealers.clients(asc.account()).getFirst();

        asc.console().get("/console/registers/" + register.id());
        asc.console().post("/console/registers/" + register.id() + "/transfer", "accountNumber", client.number());
        asc.console().get("/console/dealer");
        asc.console().post("/console/dealer/clients/" + client.id() + "/enter");
        asc.console().get("/console/entities");
        asc.console().post("/console/entities", "name", "ПАО «Сбербанк»", "inn", Tenants.Tenant.INN, "taxSystems", "OSN",
                "address", "г. Москва, ул. Вавилова, д. 19");
        String incoming = asc.console().get("/console/fleet").body();
        assertThat(incoming).contains("Касса клиента-группы");
        long transfer = Long.parseLong(incoming.replaceAll("(?s).*/console/transfers/(\\d+)/accept.*", "$1"));
        long entity = fleet.legalEntities(client.id()).getFirst().id();
        asc.console().post("/console/transfers/" + transfer + "/accept", "legalEntity", String.valueOf(entity));

        assertThat(registers.find(client.id(), register.id())).isPresent();
        assertThat(registers.find(asc.account(), register.id())).isEmpty();
        assertThat(audit.recent(client.id(), 10)).anyMatch(e -> e.action().equals("register.moved-in")
                && e.actorAccountId() == asc.account());
    }

    @Test
    void aDealerCreatesClientAccountsAndNobodyElseUsesDealerActions() {
        Side asc = dealer();
        String name = "Клиент " + UUID.randomUUID().toString().substring(0, 6);
        asc.console().post("/console/dealer/clients", "name", name);
        assertThat(asc.console().get("/console/dealer").body()).contains(name);
        long created = dealers.clients(asc.account()).getFirst().id();

        Side other = company();
        other.console().post("/console/dealer/requests", "dealerNumber", asc.number());
        long request = requestId(asc);
        ConsoleClient demo = new ConsoleClient(port);
        demo.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        demo.get("/console/dealer");
        for (Page page : java.util.List.of(demo.post("/console/dealer/incoming/" + request + "/accept"),
                demo.post("/console/dealer/incoming/" + request + "/reject"),
                demo.post("/console/dealer/clients/" + created + "/enter"),
                demo.post("/console/dealer/clients", "name", "Чужой клиент"))) {
            assertThat(page.status()).isEqualTo(404);
        }
        // a dealer enters only the clients it serves
        assertThat(asc.console().post("/console/dealer/clients/" + other.account() + "/enter").status()).isEqualTo(404);
        assertThat(dealers.dealerOf(other.account())).isEmpty();
    }
}
