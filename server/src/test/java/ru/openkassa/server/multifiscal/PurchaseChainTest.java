package ru.openkassa.server.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.openkassa.server.multifiscal.MultiEntityShop.A;
import static ru.openkassa.server.multifiscal.MultiEntityShop.B;
import static ru.openkassa.server.multifiscal.MultiEntityShop.C;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.fn.FnDocument;
import ru.openkassa.emulator.ofd.OfdEmulator;
import ru.openkassa.emulator.register.RegisterConfig;
import ru.openkassa.emulator.register.VirtualRegister;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.Http;

/**
 * A multi-fiscal purchase through the whole chain with the real emulators: three virtual registers,
 * one per legal entity, each registered to its entity's ИНН, and the OFD emulator.
 */
@ApiTest
class PurchaseChainTest {

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    @Autowired
    RegisterService registerService;

    @TempDir
    Path dir;

    Http http;
    MultiEntityShop shop;
    String bearer;
    OfdEmulator ofd;
    final Map<String, VirtualRegister> registers = new HashMap<>();

    @BeforeEach
    void setUp() throws InterruptedException {
        http = new Http(port);
        shop = new MultiEntityShop(fleet, registerService);
        bearer = shop.bearer(http);
        ofd = OfdEmulator.start(0, 0);
        shop.registerIds.forEach((inn, registerId) -> registers.put(inn, VirtualRegister.start(
                RegisterConfig.builder(registerId, URI.create("http://localhost:" + port), dir.resolve("register-" + inn))
                        .inn(inn)
                        .taxSystems(List.of(TaxSystem.OSN))
                        .ofd(ofd.address())
                        .pollWaitSeconds(5)
                        .heartbeatInterval(Duration.ofSeconds(1))
                        .build())));
        // a purchase is routed only to registers that have said who they are registered to
        Await.until("the registers' hello", Duration.ofSeconds(20), () -> registerService.list(shop.accountId).stream()
                .allMatch(r -> r.registrationInn() != null));
    }

    @AfterEach
    void tearDown() {
        registers.values().forEach(VirtualRegister::stop);
        ofd.stop();
    }

    private JsonNode purchase(String id) {
        return http.get("/api/v1/purchases/" + id, "Authorization", bearer).json();
    }

    private static boolean allDelivered(JsonNode receipts) {
        return receipts.valueStream().allMatch(r -> r.get("state").stringValue().equals("delivered"));
    }

    /** The receipt is in the FN of the register of its own entity and at the OFD, with the sign the API shows. */
    private void assertPrintedByItsEntitysRegister(JsonNode receipt, String operation) {
        String inn = receipt.get("entity_inn").stringValue();
        JsonNode fiscal = receipt.get("fiscal");
        long fd = fiscal.get("fd_number").longValue();
        VirtualRegister register = registers.get(inn);
        assertThat(fiscal.get("register_id").stringValue()).isEqualTo(shop.registerIds.get(inn));
        assertThat(fiscal.get("fn_number").stringValue()).isEqualTo(register.fiscalDrive().number());
        FnDocument document = register.fiscalDrive().document(fd).orElseThrow();
        assertThat(document.fiscalSign()).isEqualTo(fiscal.get("fiscal_sign").longValue());
        assertThat(ofd.document(fiscal.get("fn_number").stringValue(), fd)).as("at the OFD").isPresent();
        assertThat(receipt.get("operation").stringValue()).isEqualTo(operation);
    }

    @Test
    void eachEntitysReceiptIsFiscalizedByItsOwnRegisterAndDeliveredAndARefundGoesTheSameWay() throws Exception {
        Http.Response created = http.postJson("/api/v1/purchases", MultiEntityShop.seedPurchase("chain-" + UUID.randomUUID(),
                "{\"means\": \"card\", \"sum\": 1500.00}, {\"means\": \"cash\", \"sum\": 500.00}"), "Authorization", bearer);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();

        Await.until("delivery of every entity's receipt", Duration.ofSeconds(30), () -> allDelivered(purchase(id).get("receipts")));
        JsonNode done = purchase(id);
        assertThat(done.get("status").stringValue()).isEqualTo("done");
        assertThat(done.get("receipts").valueStream().map(r -> r.get("entity_inn").stringValue()).toList())
                .containsExactly(B, C, A);
        for (JsonNode receipt : done.get("receipts")) {
            assertPrintedByItsEntitysRegister(receipt, "sell");
        }

        Http.Response refund = http.postJson("/api/v1/purchases/" + id + "/refunds",
                "{\"external_id\": \"return-" + UUID.randomUUID() + "\", \"lines\": [{\"position\": 1, \"quantity\": 1}]}",
                "Authorization", bearer);
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        Await.until("delivery of the refund", Duration.ofSeconds(30),
                () -> allDelivered(purchase(id).get("refunds").get(0).get("receipts")));
        JsonNode refunded = purchase(id).get("refunds").get(0);
        assertThat(refunded.get("status").stringValue()).isEqualTo("done");
        assertThat(refunded.get("receipts")).hasSize(1);
        JsonNode receipt = refunded.get("receipts").get(0);
        assertThat(receipt.get("entity_inn").stringValue()).isEqualTo(B);
        assertThat(receipt.get("total").decimalValue()).isEqualByComparingTo("500.00");
        assertPrintedByItsEntitysRegister(receipt, "sell_refund");
    }
}
