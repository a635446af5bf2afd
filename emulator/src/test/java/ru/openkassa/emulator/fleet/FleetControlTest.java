package ru.openkassa.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.emulator.DeviceApiDouble;
import ru.openkassa.emulator.EmulatorJson;
import ru.openkassa.emulator.Requests;
import ru.openkassa.emulator.register.RegisterConfig;
import tools.jackson.databind.JsonNode;

class FleetControlTest {

    private static final String FIRST = RegisterId.issue(11).digits();
    private static final String SECOND = RegisterId.issue(12).digits();

    @TempDir
    Path dir;

    private final DeviceApiDouble server = DeviceApiDouble.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private RegisterFleet fleet;
    private FleetControl control;

    @AfterEach
    void stop() {
        control.close();
        fleet.stop();
        server.close();
        http.close();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_harness_switches_one_register_or_all_and_a_bad_switch_changes_nothing() throws Exception {
        fleet = RegisterFleet.start(
                List.of(new RegisterFleet.Member(FIRST, null), new RegisterFleet.Member(SECOND, "00106700000002")),
                member -> RegisterConfig.builder(member.registerId(), server.uri(), dir.resolve(member.registerId()))
                        .serial(member.serial()).inn(Requests.INN).pollWaitSeconds(1).build());
        control = FleetControl.start(fleet, 0);

        HttpResponse<String> one = post("/api/v1/registers/" + FIRST + "/switches", "{\"no_paper\": true}");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(fleet.register(FIRST).orElseThrow().switches().noPaper()).isTrue();
        assertThat(fleet.register(SECOND).orElseThrow().switches().noPaper()).isFalse();

        assertThat(post("/api/v1/switches", "{\"delay_ms\": 50, \"fly\": true}").statusCode()).isEqualTo(400);
        assertThat(fleet.register(SECOND).orElseThrow().switches().fiscalizationDelay()).isZero();

        assertThat(post("/api/v1/switches", "{\"delay_ms\": 50}").statusCode()).isEqualTo(200);
        assertThat(fleet.registers()).allSatisfy(register ->
                assertThat(register.switches().fiscalizationDelay()).isEqualTo(Duration.ofMillis(50)));

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + control.port() + "/api/v1/registers")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode registers = EmulatorJson.MAPPER.readTree(list.body());
        assertThat(registers).hasSize(2);
        assertThat(registers.get(1).path("serial").asString()).isEqualTo("00106700000002");
        assertThat(post("/api/v1/registers/" + RegisterId.issue(99).digits() + "/switches", "{}").statusCode())
                .isEqualTo(404);
    }
}
