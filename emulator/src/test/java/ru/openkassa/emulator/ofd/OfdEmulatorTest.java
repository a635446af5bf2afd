package ru.openkassa.emulator.ofd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ffd.RegisterFacts;
import ru.openkassa.core.ofd.OfdMessage;
import ru.openkassa.core.ofd.OfdResponseCode;
import ru.openkassa.core.ofd.OperatorConfirmation;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.EmulatorJson;
import ru.openkassa.emulator.Requests;
import ru.openkassa.emulator.TestClock;
import ru.openkassa.emulator.fn.FiscalDrive;
import ru.openkassa.emulator.fn.FiscalDriveConfig;
import ru.openkassa.emulator.fn.FnDocument;
import ru.openkassa.emulator.fn.FnSecret;
import tools.jackson.databind.JsonNode;

class OfdEmulatorTest {

    private static final String FN = "9999078900000001";

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-24T09:00:00Z");
    private OfdEmulator ofd;
    private FiscalDrive drive;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        ofd = OfdEmulator.start(OfdEmulator.Config.of(0, 0).withDirectory(dir.resolve("ofd")));
        drive = FiscalDrive.open(new FiscalDriveConfig(dir.resolve("fn"),
                new RegisterFacts("0000000001012345", FN, Requests.INN, null, "7704211201", null, null,
                        EnumSet.of(TaxSystem.USN_INCOME), null),
                LocalDate.of(2029, 11, 24), FnSecret.DEMO_MASTER_KEY, 1000, clock));
        drive.openShift("Кассир");
        drive.registerReceipt(Requests.sellDocument());
    }

    @AfterEach
    void stop() {
        ofd.stop();
        drive.close();
        http.close();
    }

    private OperatorConfirmation send(FiscalDocumentTlv document) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ofd.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(OfdMessage.fromRegister(FN, document, new byte[8]).encode());
            return OperatorConfirmation.from(OfdMessage.read(socket.getInputStream()).document());
        }
    }

    private static FiscalDocumentTlv tlv(FnDocument document) {
        return FiscalDocumentTlv.parse(document.tlv());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ofd.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = EmulatorJson.MAPPER.readTree(response.body());
        ((tools.jackson.databind.node.ObjectNode) body).put("http_status", response.statusCode());
        return body;
    }

    private JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ofd.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return EmulatorJson.MAPPER.readTree(response.body());
    }

    @Test
    void a_document_with_the_drive_sign_is_accepted_kept_and_confirmed_for_its_number() throws IOException {
        OperatorConfirmation confirmation = send(tlv(drive.document(2).orElseThrow()));

        assertThat(confirmation.code()).isEqualTo(OfdResponseCode.ACCEPTED);
        assertThat(confirmation.fnNumber()).isEqualTo(FN);
        assertThat(confirmation.fdNumber()).isEqualTo(2);
        assertThat(ofd.document(FN, 2)).isPresent();
    }

    @Test
    void a_forged_sign_is_answered_14_and_not_kept() throws IOException {
        FiscalDocumentTlv genuine = tlv(drive.document(2).orElseThrow());
        FiscalDocumentTlv forged = genuine.signedBy(FnSecret.derive("someone else's key", FN).key());

        assertThat(send(forged).code()).isEqualTo(OfdResponseCode.FAILED_FORMAT_CHECK);
        assertThat(ofd.document(FN, 2)).isEmpty();
        assertThat(ofd.refusedCount()).isEqualTo(1);
    }

    @Test
    void the_same_document_twice_is_kept_once_and_confirmed_twice() throws IOException {
        FiscalDocumentTlv document = tlv(drive.document(2).orElseThrow());
        assertThat(send(document).code()).isEqualTo(OfdResponseCode.ACCEPTED);
        assertThat(send(document).code()).isEqualTo(OfdResponseCode.ACCEPTED);
        assertThat(ofd.documents(FN, null, null)).hasSize(1);
    }

    @Test
    void documents_survive_a_restart_of_the_ofd_with_a_directory() throws IOException {
        send(tlv(drive.document(1).orElseThrow()));
        send(tlv(drive.document(2).orElseThrow()));
        ofd.stop();
        ofd = OfdEmulator.start(OfdEmulator.Config.of(0, 0).withDirectory(dir.resolve("ofd")));
        assertThat(ofd.documents(FN, null, null)).extracting(ReceivedDocument::fdNumber).containsExactly(1L, 2L);
    }

    @Test
    void the_cabinet_api_lists_documents_by_date_and_shows_one_with_its_requisites() throws Exception {
        send(tlv(drive.document(1).orElseThrow()));
        send(tlv(drive.document(2).orElseThrow()));

        JsonNode list = get("/api/v1/fns/" + FN + "/documents?from=2026-11-24&to=2026-11-24");
        assertThat(list.path("documents")).hasSize(2);
        assertThat(get("/api/v1/fns/" + FN + "/documents?from=2026-11-25").path("documents")).isEmpty();

        JsonNode one = get("/api/v1/fns/" + FN + "/documents/2");
        assertThat(one.path("fd_number").asLong()).isEqualTo(2);
        assertThat(one.path("document_type").asInt()).isEqualTo(3);
        assertThat(java.time.OffsetDateTime.parse(one.path("received_at").asString())).isNotNull();
        assertThat(one.path("date_time").asString()).isEqualTo("2026-11-24T12:00");
        assertThat(one.path("requisites").path("fiscalDocumentNumber").asLong()).isEqualTo(2);
        assertThat(one.path("requisites").path("totalSum").asLong()).isEqualTo(60000);
        assertThat(one.path("requisites").path("fiscalSign").asLong())
                .isEqualTo(drive.document(2).orElseThrow().fiscalSign());

        assertThat(get("/api/v1/fns/" + FN + "/documents/99").path("http_status").asInt()).isEqualTo(404);
        assertThat(get("/api/v1/fns/" + FN + "/documents?from=yesterday").path("errors").get(0)
                .path("field").asString()).isEqualTo("from");
    }

    @Test
    void switches_set_over_http_take_the_ofd_down_slow_it_and_make_it_reject() throws Exception {
        JsonNode switches = post("/api/v1/switches", "{\"down\": true}");
        assertThat(switches.path("down").asBoolean()).isTrue();
        assertThatThrownBy(() -> send(tlv(drive.document(2).orElseThrow()))).isInstanceOf(ConnectException.class);

        post("/api/v1/switches", "{\"down\": false, \"reject\": true, \"slow_ms\": 200}");
        long started = System.nanoTime();
        assertThat(send(tlv(drive.document(2).orElseThrow())).code()).isEqualTo(OfdResponseCode.FAILED_FORMAT_CHECK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        ofd.switches().reject(false).slow(Duration.ZERO);
        assertThat(send(tlv(drive.document(2).orElseThrow())).code()).isEqualTo(OfdResponseCode.ACCEPTED);
    }
}
