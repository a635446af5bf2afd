package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;

/** Logging in to the console over real HTTP: by number and by name, wrong passwords, lockout. */
@ApiTest
class ConsoleLoginTest {

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;

    @Test
    void logsInWithTheAccountNumber() {
        ConsoleClient console = new ConsoleClient(port);
        Page login = console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.redirect()).isEqualTo("/console/fleet");
        Page fleetPage = console.get("/console/fleet");
        assertThat(fleetPage.status()).isEqualTo(200);
        assertThat(fleetPage.body()).contains("Группы и кассы", DemoData.REGISTER_NAMES.getFirst(), "Демо (100001)");
    }

    @Test
    void logsInWithTheCompanyNameInAnyCase() {
        ConsoleClient console = new ConsoleClient(port);
        Page login = console.login("  демо ", DemoData.CONSOLE_OPERATOR, DemoData.CONSOLE_OPERATOR_PASSWORD);
        assertThat(login.redirect()).isEqualTo("/console/fleet");
        assertThat(console.get("/console/fleet").body()).contains(DemoData.REGISTER_NAMES.getFirst());
    }

    @Test
    void aWrongPasswordKeepsWhatWasTypedAndLetsNobodyIn() {
        ConsoleClient console = new ConsoleClient(port);
        Page login = console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, "wrong");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("Неверный клиент, пользователь или пароль", "value=\"100001\"", "value=\"admin\"")
                .doesNotContain("wrong");
        assertThat(console.get("/console/fleet").redirect()).startsWith("/console/login");
    }

    @Test
    void anUnknownClientOrUserIsRefusedAlike() {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login("no-such-client", DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD).body())
                .contains("Неверный клиент, пользователь или пароль");
        assertThat(console.login(DemoData.ACCOUNT_NUMBER, "nobody", DemoData.CONSOLE_ADMIN_PASSWORD).body())
                .contains("Неверный клиент, пользователь или пароль");
    }

    @Test
    void pagesAskStrangersToLogInFirst() {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.get("/console/fleet").redirect()).isEqualTo("/console/login");
        assertThat(console.get("/").redirect()).isEqualTo("/console/login");
        Page form = console.get("/console/login");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Клиент", "Пользователь", "Пароль", "name=\"_csrf\"");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        ConsoleClient console = new ConsoleClient(port);
        // no page opened first: no session, no token; the form is sent back to a fresh login page
        Page login = console.post("/console/login", "client", DemoData.ACCOUNT_NUMBER, "username", DemoData.CONSOLE_ADMIN,
                "password", DemoData.CONSOLE_ADMIN_PASSWORD);
        assertThat(login.redirect()).startsWith("/console/login");
        assertThat(console.get("/console/fleet").redirect()).startsWith("/console/login");
    }

    @Test
    void loggingInGivesANewSessionIdAndANewCsrfToken() {
        ConsoleClient console = new ConsoleClient(port);
        console.get("/console/login");
        String sessionBefore = console.sessionId();
        String tokenBefore = console.csrfToken();
        assertThat(sessionBefore).isNotNull();
        assertThat(console.post("/console/login", "client", DemoData.ACCOUNT_NUMBER, "username", DemoData.CONSOLE_ADMIN,
                "password", DemoData.CONSOLE_ADMIN_PASSWORD).redirect()).isEqualTo("/console/fleet");
        assertThat(console.sessionId()).as("a session id planted before login is worth nothing").isNotEqualTo(sessionBefore);

        // a form with the token of the login page is refused: whoever saw that page cannot post as the user
        console.get("/console/users");
        console.useCsrfToken(tokenBefore);
        assertThat(console.post("/console/users", "login", "planted", "password", "planted-password").status())
                .isEqualTo(403);
        assertThat(users.find(fleet.findAccountByNumber(DemoData.ACCOUNT_NUMBER).orElseThrow(), "planted")).isEmpty();
        // the token of a page after login works
        console.get("/console/users");
        assertThat(console.post("/console/logout").redirect()).isEqualTo("/console/login?logout");
    }

    @Test
    void fiveWrongPasswordsLockTheUserOutEvenWithTheRightOne() {
        String number = "L" + UUID.randomUUID().toString().substring(0, 8);
        long account = fleet.createAccount(number, "Замок " + number);
        users.create(account, "kassir", "right-pass", UserRole.ADMIN);
        ConsoleClient console = new ConsoleClient(port);
        for (int i = 0; i < 5; i++) {
            assertThat(console.login(number, "kassir", "wrong-" + i).body()).contains("Неверный клиент");
        }
        Page locked = console.login(number, "KASSIR", "right-pass");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Слишком много неудачных попыток входа. Повторите через 5 мин.");
        assertThat(console.get("/console/fleet").redirect()).startsWith("/console/login");

        // another user of the same account is not locked by them
        users.create(account, "boss", "boss-pass", UserRole.ADMIN);
        assertThat(new ConsoleClient(port).login(number, "boss", "boss-pass").redirect()).isEqualTo("/console/fleet");
    }

    @Test
    void loggingOutEndsTheSession() {
        ConsoleClient console = new ConsoleClient(port);
        console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        console.get("/console/fleet");
        Page out = console.post("/console/logout");
        assertThat(out.redirect()).isEqualTo("/console/login?logout");
        assertThat(console.get("/console/login?logout").body()).contains("Вы вышли из системы");
        assertThat(console.get("/console/fleet").redirect()).startsWith("/console/login");
    }

    @Test
    void theApisStayStatelessAndFreeOfCsrf() {
        ConsoleClient console = new ConsoleClient(port);
        Page token = console.post("/api/v1/auth/token");
        // the API's own error, not Spring Security's: no session, no CSRF check on the APIs
        assertThat(token.status()).isNotEqualTo(403);
        assertThat(console.get("/actuator/health").status()).isEqualTo(200);
    }
}
