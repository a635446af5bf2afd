package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;

/** An idle session ends after the configured time; the next page says why, in the person's language. */
@ApiTest
@TestPropertySource(properties = {"openkassa.console.session-timeout=2s", "openkassa.console.max-failures-per-address=3"})
class ConsoleSessionTimeoutTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetFailures() {
        jdbc.sql("delete from login_throttle").update();
    }

    @Test
    void anIdleSessionEndsAndTheNextPageSaysWhy() throws InterruptedException {
        ConsoleClient console = new ConsoleClient(port);
        console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        assertThat(console.get("/console/fleet").status()).isEqualTo(200);
        Thread.sleep(1_000);
        assertThat(console.get("/console/fleet").status()).as("activity keeps the session").isEqualTo(200);
        Thread.sleep(3_000);
        Page next = console.get("/console/fleet");
        assertThat(next.redirect()).isEqualTo("/console/login?expired");
        Page login = console.get(next.redirect());
        assertThat(login.body())
                .contains("В связи с отсутствием активности в целях безопасности сессия была завершена")
                .contains("name=\"password\"");
    }

    @Test
    void anOpenPagePollingItsLivePartDoesNotKeepAnIdleSessionAlive() throws InterruptedException {
        ConsoleClient console = new ConsoleClient(port);
        console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        assertThat(console.get("/console/dashboard").status()).isEqualTo(200);
        Page live = console.get("/console/dashboard/live");
        assertThat(live.status()).as("a live part right after the page").isEqualTo(200);
        // polled every half second, as often as an open page does and more: never an idle gap of 2 s
        for (int i = 0; i < 10 && live.status() == 200; i++) {
            Thread.sleep(500);
            live = console.get("/console/dashboard/live");
        }
        assertThat(live.redirect()).isEqualTo("/console/login?expired");
        assertThat(console.get("/console/fleet").redirect()).isEqualTo("/console/login?expired");
    }

    @Test
    void theMessageIsInEnglishForEnglishReaders() throws InterruptedException {
        ConsoleClient console = new ConsoleClient(port);
        console.get("/console/login?lang=en");
        console.post("/console/login", "client", DemoData.ACCOUNT_NUMBER, "username", DemoData.CONSOLE_ADMIN,
                "password", DemoData.CONSOLE_ADMIN_PASSWORD);
        Thread.sleep(3_000);
        Page login = console.get(console.get("/console/fleet").redirect());
        assertThat(login.body()).contains("For security reasons your session was ended after a period of inactivity");
    }

    @Test
    void manyWrongPasswordsFromOneAddressLockItOut() {
        ConsoleClient console = new ConsoleClient(port);
        for (int i = 0; i < 3; i++) {
            console.login(DemoData.ACCOUNT_NUMBER, "guess-" + i, "wrong");
        }
        Page locked = console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Слишком много неудачных попыток");
    }
}
