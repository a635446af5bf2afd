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
import ru.openkassa.server.support.Tenants;

/** Administration → Users over real HTTP: adding users, blocking them (even mid-session), and nobody else's users. */
@ApiTest
class ConsoleUsersTest {

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;

    private ConsoleClient admin() {
        ConsoleClient console = new ConsoleClient(port);
        console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        console.get("/console/users");
        return console;
    }

    private long demo() {
        return fleet.findAccountByNumber(DemoData.ACCOUNT_NUMBER).orElseThrow();
    }

    @Test
    void anAdministratorAddsAnOperatorWhoThenLogsIn() {
        String login = "kassir-" + UUID.randomUUID().toString().substring(0, 6);
        ConsoleClient console = admin();
        assertThat(console.post("/console/users", "login", login, "password", "short", "role", "OPERATOR").body())
                .contains("Пароль: не короче 8 символов", "value=\"" + login + "\"");
        assertThat(console.post("/console/users", "login", login, "password", "long-enough", "role", "OPERATOR").redirect())
                .isEqualTo("/console/users");
        assertThat(console.post("/console/users", "login", login, "password", "long-enough", "role", "ADMIN").body())
                .contains("Пользователь с таким именем уже есть");
        assertThat(users.find(demo(), login).orElseThrow().role()).isEqualTo(UserRole.OPERATOR);

        ConsoleClient operator = new ConsoleClient(port);
        assertThat(operator.login(DemoData.ACCOUNT_NAME, login, "long-enough").redirect()).isEqualTo("/console/fleet");
        assertThat(operator.get("/console/users").status()).isEqualTo(403);
        assertThat(console.get("/console/audit").body()).contains("Пользователь добавлен", login + " (OPERATOR)");
    }

    @Test
    void aBlockedUserIsLoggedOutAtTheNextPageAndCannotLogInUntilUnblocked() {
        String login = "blocked-" + UUID.randomUUID().toString().substring(0, 6);
        long id = users.create(demo(), login, "password-1", UserRole.OPERATOR);
        ConsoleClient them = new ConsoleClient(port);
        them.login(DemoData.ACCOUNT_NUMBER, login, "password-1");
        assertThat(them.get("/console/fleet").status()).isEqualTo(200);

        ConsoleClient console = admin();
        assertThat(console.post("/console/users/" + id + "/block").redirect()).isEqualTo("/console/users");
        assertThat(them.get("/console/fleet").redirect()).startsWith("/console/login");
        assertThat(new ConsoleClient(port).login(DemoData.ACCOUNT_NUMBER, login, "password-1").body())
                .contains("Неверный клиент, пользователь или пароль");

        console.post("/console/users/" + id + "/unblock");
        assertThat(new ConsoleClient(port).login(DemoData.ACCOUNT_NUMBER, login, "password-1").redirect())
                .isEqualTo("/console/fleet");
    }

    @Test
    void anAdministratorCannotBlockThemselves() {
        long self = users.find(demo(), DemoData.CONSOLE_ADMIN).orElseThrow().id();
        ConsoleClient console = admin();
        Page refused = console.post("/console/users/" + self + "/block");
        assertThat(console.get(refused.redirect()).body()).contains("Нельзя заблокировать самого себя");
        assertThat(users.find(demo(), DemoData.CONSOLE_ADMIN).orElseThrow().blocked()).isFalse();
    }

    @Test
    void anotherAccountsUsersAreNotFound() {
        Tenants.Tenant other = Tenants.create(fleet);
        long theirs = users.create(other.accountId(), "their-admin", "their-password", UserRole.ADMIN);
        ConsoleClient console = admin();
        assertThat(console.post("/console/users/" + theirs + "/block").status()).isEqualTo(404);
        assertThat(console.post("/console/users/" + theirs + "/unblock").status()).isEqualTo(404);
        assertThat(console.get("/console/users").body()).doesNotContain("their-admin");
        assertThat(users.find(other.accountId(), theirs).orElseThrow().blocked()).isFalse();
    }
}
