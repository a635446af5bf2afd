package ru.openkassa.server.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.Tenants;

/**
 * The whole chain with the real emulators: store → server → virtual register (FN) → OFD emulator,
 * and back. The register and the OFD run in this JVM but speak only the wire protocols.
 */
@ApiTest
class FiscalChainTest {

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    @TempDir
    Path dir;

    Http http;
    Tenants.Tenant tenant;
    String bearer;
    String atolToken;
    OfdEmulator ofd;
    RegisterConfig registerConfig;
    VirtualRegister register;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tenant = Tenants.create(fleet);
        bearer = tenant.bearer(http);
        atolToken = tenant.atolToken(http);
        String registerId = http.postJson("/api/v1/registers", "{\"name\": \"Касса\", \"legal_entity_inn\": \""
                + Tenants.Tenant.INN + "\", \"groups\": [\"" + tenant.group() + "\"]}", "Authorization", bearer).json()
                .get("register_id").stringValue();
        ofd = OfdEmulator.start(0, 0);
        registerConfig = RegisterConfig.builder(registerId, URI.create("http://localhost:" + port), dir.resolve("register"))
                .inn(Tenants.Tenant.INN)
                .taxSystems(List.of(TaxSystem.OSN))
                .ofd(ofd.address())
                .pollWaitSeconds(5)
                .heartbeatInterval(Duration.ofSeconds(1))
                .crashMode(RegisterConfig.CrashMode.STOP_REGISTER)
                .build();
        register = VirtualRegister.start(registerConfig);
    }

    @AfterEach
    void tearDown() {
        register.stop();
        ofd.stop();
    }

    private String post(String operation, String body) {
        Http.Response response = http.postJson("/possystem/v5/" + tenant.group() + "/" + operation, body, "Token", atolToken);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("uuid").stringValue();
    }

    private String sell() {
        return post("sell", ReceiptJson.sellFor("chain-" + UUID.randomUUID(), Tenants.Tenant.INN, "osn", null));
    }

    private JsonNode receipt(String uuid) {
        return http.get("/api/v1/receipts/" + uuid, "Authorization", bearer).json();
    }

    private String state(String uuid) {
        return receipt(uuid).get("state").stringValue();
    }

    @Test
    void sellRefundAndCorrectionAreFiscalizedByTheFnAndDeliveredToTheOfd() throws Exception {
        String sell = sell();
        String refund = post("sell_refund", ReceiptJson.sellFor("refund-" + UUID.randomUUID(), Tenants.Tenant.INN, "osn", null));
        String correction = post("sell_correction", ReceiptJson.sellFor("corr-" + UUID.randomUUID(), Tenants.Tenant.INN,
                "osn", null).replace("\"receipt\":{", "\"correction\":{\"correction_info\":{\"type\":\"self\","
                + "\"base_date\":\"20.11.2026\",\"base_number\":\"7\"},"));
        for (String uuid : List.of(sell, refund, correction)) {
            Await.until("delivery of " + uuid, Duration.ofSeconds(20), () -> state(uuid).equals("delivered"));
            JsonNode receipt = receipt(uuid);
            JsonNode fiscal = receipt.get("fiscal");
            String fn = fiscal.get("fn_number").stringValue();
            long fd = fiscal.get("fd_number").longValue();
            // the OFD holds the very document, with the fiscal sign the store was told
            var atOfd = ofd.document(fn, fd).orElseThrow(() -> new AssertionError("OFD lacks FD " + fd));
            FnDocument inFn = register.fiscalDrive().document(fd).orElseThrow();
            assertThat(inFn.fiscalSign()).isEqualTo(fiscal.get("fiscal_sign").longValue());
            assertThat(atOfd.fdNumber()).isEqualTo(fd);
            assertThat(receipt.get("qr").stringValue()).contains("fn=" + fn, "i=" + fd,
                    "fp=" + fiscal.get("fiscal_sign").longValue());
        }
        assertThat(receipt(sell).get("qr").stringValue()).endsWith("&n=1");
        assertThat(receipt(refund).get("qr").stringValue()).endsWith("&n=2");
        assertThat(register.fiscalDrive().document(receipt(correction).get("fiscal").get("fd_number").longValue())
                .orElseThrow().type().name()).isEqualTo("CORRECTION");
    }

    @Test
    void whileTheOfdIsDownAReceiptIsFiscalizedButNotDeliveredThenDeliveredWhenItIsBack() throws Exception {
        ofd.switches().down(true);
        String uuid = sell();
        Await.until("fiscalization", Duration.ofSeconds(20), () -> state(uuid).equals("fiscalized"));
        JsonNode report = http.get("/possystem/v5/" + tenant.group() + "/report/" + uuid, "Token", atolToken).json();
        assertThat(report.get("status").stringValue()).isEqualTo("done");
        assertThat(report.get("delivery").get("delivered").booleanValue()).isFalse();
        Thread.sleep(2000);
        assertThat(state(uuid)).as("nothing reached the OFD").isEqualTo("fiscalized");

        ofd.switches().down(false);
        Await.until("delivery after the OFD is back", Duration.ofSeconds(30), () -> state(uuid).equals("delivered"));
    }

    @Test
    void aRegisterThatDiesBetweenFiscalizingAndReportingMakesOneDocumentOnly() throws Exception {
        register.switches().crashAfterFiscalize(true);
        String uuid = sell();
        Await.until("the register's crash", Duration.ofSeconds(20), register::hasCrashed);
        assertThat(state(uuid)).as("the server heard nothing").isEqualTo("dispatched");
        register = VirtualRegister.start(registerConfig);
        Await.until("the result after the restart", Duration.ofSeconds(20), () -> !state(uuid).equals("dispatched"));
        long fd = receipt(uuid).get("fiscal").get("fd_number").longValue();
        List<FnDocument> receipts = register.fiscalDrive().documentsAfter(0).stream().filter(d -> d.type().isReceipt()).toList();
        // this register's FN made exactly one receipt: the one the server now knows
        assertThat(receipts).extracting(FnDocument::fdNumber).containsExactly(fd);
        Await.until("delivery", Duration.ofSeconds(20), () -> state(uuid).equals("delivered"));
    }
}
