package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.ConsoleShop;

/** "Check connection" and "status" on a register's page: a diagnostics task through the device API, its answer live. */
@ApiTest
class ConsoleRegisterDiagnosticsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private static final String STATUS = """
            {"register_time": "2026-11-24T12:00:05+03:00", "mode": "idle", "paper": false,
             "shift": {"open": true, "number": 12, "opened_at": "2026-11-24T09:00:00+03:00"},
             "ofd": {"connected": true, "unsent_count": 4, "oldest_unsent_at": "2026-11-23T10:00:00+03:00"},
             "fn": {"number": "9999078900000777", "expires_at": "2027-03-01", "fill_percent": 7}}""";

    @Test
    void aStatusAskedOnThePageGoesToTheRegisterAsATaskAndItsAnswerAppearsInTheLivePart() {
        ConsoleShop shop = ConsoleShop.create(context, port);
        String path = "/console/registers/" + shop.register.id();
        Page asked = shop.admin.post(path + "/diagnostics", "check", "status");
        assertThat(asked.redirect()).isEqualTo(path + "#diagnostics");
        assertThat(shop.admin.get(path + "/live").body()).contains("data-kind=\"STATUS\"", "data-state=\"waiting\"",
                "ждём ответа кассы");

        JsonNode task = shop.device.nextTask(5);
        assertThat(task.get("kind").stringValue()).isEqualTo("diagnostics");
        assertThat(task.get("diagnostics").get("check").stringValue()).isEqualTo("status");
        assertThat(task.has("deadline_at")).isTrue();
        String id = task.get("id").stringValue();
        assertThat(shop.device.nextTask(0)).as("a diagnostic is given once").isNull();
        assertThat(shop.device.diagnosed(id, STATUS).status()).isEqualTo(200);
        assertThat(shop.device.diagnosed(id, STATUS).status()).as("the same answer again").isEqualTo(200);

        String live = shop.operator.get(path + "/live").body();
        assertThat(live).contains("data-state=\"answered\"", "касса ответила в", "открыта № 12", "нет бумаги",
                "9999078900000777 до 01.03.2027, 7 %", "4 с 23.11.2026 10:00");
        assertThat(shop.operator.get(path + "/live?lang=en").body()).contains("the register answered at", "open, no. 12");
        assertThat(shop.operator.get(path).body()).as("operators only look").doesNotContain("id=\"check-status\"");
        assertThat(shop.admin.get(path).body()).contains("id=\"check-status\"", "id=\"check-connection\"");
    }

    @Test
    void aConnectionCheckShowsTheRoundTripAndTheOfdAndARegisterThatDoesNotAnswerInTimeShowsNoAnswer() {
        ConsoleShop shop = ConsoleShop.create(context, port);
        String path = "/console/registers/" + shop.register.id();
        // the register is waiting in its long-poll: the question wakes it at once
        var polled = java.util.concurrent.CompletableFuture.supplyAsync(() -> shop.device.nextTask(20));
        shop.admin.post(path + "/diagnostics", "check", "connection");
        JsonNode task = polled.join();
        assertThat(task.get("diagnostics").get("check").stringValue()).isEqualTo("connection");
        assertThat(shop.device.diagnosed(task.get("id").stringValue(), """
                {"register_time": "2026-11-24T12:00:05+03:00",
                 "ofd_check": {"reachable": false, "error": "нет соединения с ОФД 127.0.0.1:7777"}}""").status())
                .isEqualTo(200);
        assertThat(shop.admin.get(path + "/live").body()).contains("data-kind=\"CONNECTION\"", "касса ответила в",
                "ОФД недоступен: нет соединения с ОФД 127.0.0.1:7777");

        shop.admin.post(path + "/diagnostics", "check", "status");
        String late = shop.device.nextTask(5).get("id").stringValue();
        jdbc.sql("update register_diagnostic set deadline_at = requested_at - interval '1' second where id = ?")
                .param(java.util.UUID.fromString(late)).update();
        assertThat(shop.admin.get(path + "/live").body()).contains("data-state=\"no-answer\"",
                "нет ответа: касса не ответила за 30 с");
        var refused = shop.device.diagnosed(late, STATUS);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("deadline_passed");
    }

    @Test
    void anotherAccountsRegisterCannotBeAskedAndOperatorsMayNotAsk() {
        ConsoleShop shop = ConsoleShop.create(context, port);
        ConsoleShop other = ConsoleShop.create(context, port);
        String path = "/console/registers/" + shop.register.id() + "/diagnostics";
        assertThat(other.admin.post(path, "check", "status").status()).isEqualTo(404);
        assertThat(shop.operator.post(path, "check", "status").status()).isEqualTo(403);
        assertThat(shop.admin.post(path, "check", "reboot").status()).isEqualTo(404);
        assertThat(shop.device.nextTask(0)).isNull();
        assertThat(other.device.diagnosed(java.util.UUID.randomUUID().toString(), STATUS).status()).isEqualTo(404);
    }
}
