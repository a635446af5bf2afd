package ru.openkassa.server.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.Http;

/** The console's purchases: the list, a purchase with its allocation table and per-entity receipts, and back from a receipt. */
@ApiTest
class ConsolePurchasePagesTest {

    private static final String CASH_FIRST = "{\"means\": \"cash\", \"sum\": 800.00}, {\"means\": \"card\", \"sum\": 1200.00}";

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    RegisterService registers;
    @Autowired
    UserService users;

    private ConsoleClient operator(MultiEntityShop shop) {
        users.create(shop.accountId, "operator", "operator-password", UserRole.OPERATOR);
        ConsoleClient console = new ConsoleClient(port);
        String number = fleet.findAccount(shop.accountId).orElseThrow().number();
        assertThat(console.login(number, "operator", "operator-password").status()).isEqualTo(302);
        return console;
    }

    @Test
    void aPurchaseShowsItsAllocationTableAndItsEntitiesReceipts() {
        MultiEntityShop shop = new MultiEntityShop(fleet, registers);
        Http http = new Http(port);
        shop.connect(http, "999907890000010");
        String externalId = "cp-" + UUID.randomUUID();
        JsonNode purchase = http.postJson("/api/v1/purchases", MultiEntityShop.seedPurchase(externalId, CASH_FIRST),
                "Authorization", shop.bearer(http)).json();
        String id = purchase.get("id").stringValue();
        ConsoleClient console = operator(shop);

        Page list = console.get("/console/purchases");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(externalId, "/console/purchases/" + id, "2 000,00", "ждёт касс");

        Page page = console.get("/console/purchases/" + id);
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("сначала наличные", "Распределение оплаты по организациям");
        // the example: A cash 300.00; C cash 500.00 + card 200.00; B card 1000.00
        assertThat(body).containsSubsequence("data-inn=\"" + MultiEntityShop.A + "\" data-means=\"cash\"", "300,00",
                "data-inn=\"" + MultiEntityShop.C + "\" data-means=\"cash\"", "500,00",
                "data-inn=\"" + MultiEntityShop.C + "\" data-means=\"card\"", "200,00", "Банк В TC",
                "data-inn=\"" + MultiEntityShop.B + "\" data-means=\"card\"", "1 000,00");
        for (JsonNode receipt : purchase.get("receipts")) {
            String receiptId = receipt.get("id").stringValue();
            assertThat(body).contains("/console/receipts/" + receiptId);
            assertThat(console.get("/console/receipts/" + receiptId).body())
                    .contains("id=\"purchase-link\"", "/console/purchases/" + id);
        }
        assertThat(console.get("/console/purchases/" + id + "?lang=en").body()).contains("cash first", "bank card");

        // a receipt of the purchase is refunded through the purchase, never on its own
        users.create(shop.accountId, "admin", "admin-password", UserRole.ADMIN);
        ConsoleClient admin = new ConsoleClient(port);
        admin.login(fleet.findAccount(shop.accountId).orElseThrow().number(), "admin", "admin-password");
        String child = purchase.get("receipts").get(0).get("id").stringValue();
        assertThat(admin.get("/console/receipts/" + child).body()).doesNotContain("id=\"make-refund\"");
        Page refused = admin.post("/console/receipts/" + child + "/refund");
        assertThat(refused.redirect()).isEqualTo("/console/receipts/" + child);
        assertThat(admin.get(refused.redirect()).body()).contains("возврат оформляется по покупке");

        // another account's purchase is not found, nor is a malformed id or cursor
        MultiEntityShop other = new MultiEntityShop(fleet, registers);
        ConsoleClient stranger = operator(other);
        assertThat(stranger.get("/console/purchases/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/console/purchases").body()).doesNotContain(externalId).contains("id=\"no-purchases\"");
        assertThat(stranger.get("/console/purchases/nope").status()).isEqualTo(404);
        assertThat(stranger.get("/console/purchases?after=nope").status()).isEqualTo(404);
    }
}
