package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import ru.openkassa.server.fleet.DealerRequest;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.ConsoleShop;
import ru.openkassa.server.support.Tenants;

/** A service centre's overview across the clients it serves, and none of another dealer's. */
@ApiTest
class ConsoleDealerOverviewTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;
    @Autowired
    DealerService dealers;

    private record Dealer(long account, String number, ConsoleClient admin, ConsoleClient operator) {
    }

    /** A service centre whose administrator is flagged dealer, logged in after that. */
    private Dealer dealer() {
        Tenants.Tenant tenant = Tenants.create(fleet);
        long admin = users.create(tenant.accountId(), "admin", "admin-password", UserRole.ADMIN);
        users.create(tenant.accountId(), "operator", "operator-password", UserRole.OPERATOR);
        dealers.flagUser(tenant.accountId(), admin, true);
        String number = fleet.findAccount(tenant.accountId()).orElseThrow().number();
        return new Dealer(tenant.accountId(), number, login(number, "admin", "admin-password"),
                login(number, "operator", "operator-password"));
    }

    private ConsoleClient login(String number, String user, String password) {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login(number, user, password).status()).isEqualTo(302);
        return console;
    }

    private void serve(Dealer dealer, ConsoleShop client) {
        dealers.request(client.tenant.accountId(), dealer.number(), "admin");
        long request = dealers.incoming(dealer.account()).stream()
                .filter(r -> r.client().id() == client.tenant.accountId()).findFirst().orElseThrow().id();
        assertThat(dealers.accept(dealer.account(), request)).isEqualTo(DealerRequest.Outcome.DONE);
    }

    @Test
    void aDealerSeesEachClientsRegistersReceiptsAndUndeliveredReceiptsWithTheSumsAndEntersAClientFromItsRow()
            throws Exception {
        Dealer asc = dealer();
        Dealer rival = dealer();
        ConsoleShop troubled = ConsoleShop.create(context, port);
        troubled.fiscalizedSale("dealer-" + UUID.randomUUID(), 41);
        troubled.sell("dealer-wait-" + UUID.randomUUID(), null);
        ConsoleShop fine = ConsoleShop.create(context, port);
        fine.fiscalizedSale("dealer-" + UUID.randomUUID(), 42);
        assertThat(fine.device.delivered(42).status()).isEqualTo(200);
        ConsoleShop othersClient = ConsoleShop.create(context, port);
        serve(asc, troubled);
        serve(asc, fine);
        serve(rival, othersClient);

        assertThat(asc.admin.get("/console/dealer").body()).contains("href=\"/console/dealer/overview\"");
        // the registers' contact is their polls, written once a second for all of them
        Await.until("both clients' registers online", Duration.ofSeconds(10), () -> asc.operator
                .get("/console/dealer/overview").body().replaceAll("\\s+", " ").contains("<span>2</span> / <span>0</span>"));
        Page page = asc.operator.get("/console/dealer/overview");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body().replaceAll("\\s+", " ");
        assertThat(body).contains("Сводка по клиентам", "data-live=\"/console/dealer/overview/live\"",
                "data-client=\"" + troubled.accountNumber + "\"", "data-client=\"" + fine.accountNumber + "\"")
                .doesNotContain("data-client=\"" + othersClient.accountNumber + "\"");
        String troubledRow = row(body, troubled.accountNumber);
        assertThat(troubledRow).contains("bad-row", "<td class=\"registers\"><span>1</span> / <span>0</span></td>",
                "data-state=\"ACCEPTED\">1<", "data-state=\"FISCALIZED\">1<",
                "<td class=\"not-delivered\"><span>1</span> <small>старейший ждёт");
        assertThat(row(body, fine.accountNumber)).contains("data-state=\"DELIVERED\">1<", "data-state=\"FISCALIZED\">0<")
                .doesNotContain("bad-row");
        String totals = body.substring(body.indexOf("id=\"totals\""));
        assertThat(totals).contains("Всего клиентов: 2", "<span>2</span> / <span>0</span>",
                "data-state=\"ACCEPTED\">1<", "data-state=\"FISCALIZED\">1<", "data-state=\"DELIVERED\">1<");
        assertThat(body).as("operators only look").doesNotContain("id=\"enter-");
        assertThat(asc.operator.get("/console/dealer/overview/live?lang=en").body())
                .contains("Fiscalized, not delivered to the OFD", "All 2 clients").doesNotContain("<html");

        assertThat(asc.admin.get("/console/dealer/overview").body()).contains("id=\"enter-" + fine.accountNumber + "\"");
        Page entered = asc.admin.post("/console/dealer/clients/" + fine.tenant.accountId() + "/enter");
        assertThat(entered.redirect()).isEqualTo("/console/fleet");
        assertThat(asc.admin.get("/console/dealer/overview").status()).as("inside a client").isEqualTo(404);

        assertThat(rival.admin.get("/console/dealer/overview").body())
                .contains("data-client=\"" + othersClient.accountNumber + "\"")
                .doesNotContain(troubled.accountNumber, fine.accountNumber);
        assertThat(troubled.admin.get("/console/dealer/overview").status()).as("not a dealer").isEqualTo(404);
    }

    private static String row(String body, String client) {
        int start = body.lastIndexOf("<tr", body.indexOf("data-client=\"" + client + "\""));
        return body.substring(start, body.indexOf("</tr>", start));
    }
}
