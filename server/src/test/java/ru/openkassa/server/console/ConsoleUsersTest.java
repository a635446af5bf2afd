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

    private record Company(long account, String number, ConsoleClient boss) {
    }

    /** A fresh account whose only administrator, «boss», is logged in on the users page. */
    private Company company() {
        String number = "U" + UUID.randomUUID().toString().substring(0, 8);
        long account = fleet.createAccount(number, "Пользователи " + number);
        users.create(account, "boss", "boss-password", UserRole.ADMIN);
        ConsoleClient boss = new ConsoleClient(port);
        assertThat(boss.login(number, "boss", "boss-password").redirect()).isEqualTo("/console/fleet");
        boss.get("/console/users");
        return new Company(account, number, boss);
    }

    /** The company's «kassir» logged in. */
    private ConsoleClient kassir(Company company) {
        ConsoleClient console = new ConsoleClient(port);
        console.login(company.number(), "kassir", "kassir-password");
        return console;
    }

    @Test
    void anAdministratorChangesARoleAndTheUserWorksWithItAfterLoggingInAgain() {
        Company company = company();
        long kassir = users.create(company.account(), "kassir", "kassir-password", UserRole.OPERATOR);
        ConsoleClient them = kassir(company);
        assertThat(them.get("/console/users").status()).isEqualTo(403);

        assertThat(company.boss().post("/console/users/" + kassir + "/role", "role", "ADMIN").redirect())
                .isEqualTo("/console/users");
        assertThat(users.find(company.account(), kassir).orElseThrow().role()).isEqualTo(UserRole.ADMIN);
        assertThat(them.get("/console/fleet").redirect()).as("the session of the old role ends").startsWith("/console/login");
        assertThat(kassir(company).get("/console/users").status()).isEqualTo(200);
        assertThat(company.boss().get("/console/audit").body()).contains("Роль пользователя изменена", "kassir: OPERATOR → ADMIN");

        // dealer staff belongs to a dealer's account only
        company.boss().get("/console/users");
        company.boss().post("/console/users/" + kassir + "/role", "role", "DEALER_STAFF");
        assertThat(company.boss().get("/console/users").body())
                .contains("Роль «Сотрудник дилера» есть только у компании, работающей как дилер");
        assertThat(users.find(company.account(), kassir).orElseThrow().role()).isEqualTo(UserRole.ADMIN);
    }

    @Test
    void theLastAdministratorCannotBeDemotedButOneOfTwoCan() {
        Company company = company();
        long boss = users.find(company.account(), "boss").orElseThrow().id();
        company.boss().post("/console/users/" + boss + "/role", "role", "OPERATOR");
        assertThat(company.boss().get("/console/users").body())
                .contains("Нельзя снять роль администратора с последнего администратора учётной записи");
        assertThat(users.find(company.account(), boss).orElseThrow().role()).isEqualTo(UserRole.ADMIN);

        long deputy = users.create(company.account(), "deputy", "deputy-password", UserRole.ADMIN);
        users.setBlocked(company.account(), deputy, true);
        company.boss().get("/console/users");
        company.boss().post("/console/users/" + boss + "/role", "role", "OPERATOR");
        assertThat(users.find(company.account(), boss).orElseThrow().role()).as("a blocked administrator cannot log in")
                .isEqualTo(UserRole.ADMIN);

        company.boss().get("/console/users");
        company.boss().post("/console/users/" + deputy + "/unblock");
        assertThat(company.boss().post("/console/users/" + boss + "/role", "role", "OPERATOR").redirect())
                .isEqualTo("/console/users");
        assertThat(users.find(company.account(), boss).orElseThrow().role()).isEqualTo(UserRole.OPERATOR);
        assertThat(company.boss().get("/console/users").redirect()).as("demoted: logged out").startsWith("/console/login");
    }

    @Test
    void anAdministratorSetsANewPasswordForAUserWhoForgotTheirs() {
        Company company = company();
        long kassir = users.create(company.account(), "kassir", "old-password", UserRole.OPERATOR);
        ConsoleClient whoeverKnewIt = new ConsoleClient(port);
        whoeverKnewIt.login(company.number(), "kassir", "old-password");
        assertThat(whoeverKnewIt.get("/console/fleet").status()).isEqualTo(200);
        Page tooShort = company.boss().post("/console/users/" + kassir + "/password", "password", "short");
        assertThat(tooShort.status()).isEqualTo(200);
        assertThat(tooShort.body()).contains("Пароль: не короче 8 символов");
        assertThat(new ConsoleClient(port).login(company.number(), "kassir", "old-password").redirect())
                .isEqualTo("/console/fleet");

        assertThat(company.boss().post("/console/users/" + kassir + "/password", "password", "new-password").redirect())
                .isEqualTo("/console/users");
        assertThat(company.boss().get("/console/users").body()).contains("Пароль задан");
        assertThat(whoeverKnewIt.get("/console/fleet").redirect()).as("sessions opened with the old password end")
                .startsWith("/console/login");
        assertThat(new ConsoleClient(port).login(company.number(), "kassir", "old-password").body())
                .contains("Неверный клиент, пользователь или пароль");
        assertThat(new ConsoleClient(port).login(company.number(), "kassir", "new-password").redirect())
                .isEqualTo("/console/fleet");
        assertThat(company.boss().get("/console/audit").body()).contains("Пользователю задан новый пароль")
                .doesNotContain("new-password");
    }

    @Test
    void operatorsChangeNoRolesOrPasswordsAndNobodyChangesAnotherAccountsUsers() {
        Company company = company();
        long kassir = users.create(company.account(), "kassir", "kassir-password", UserRole.OPERATOR);
        ConsoleClient them = kassir(company);
        them.get("/console/fleet");
        assertThat(them.post("/console/users/" + kassir + "/role", "role", "ADMIN").status()).isEqualTo(403);
        assertThat(them.post("/console/users/" + kassir + "/password", "password", "chosen-by-me").status()).isEqualTo(403);
        assertThat(users.find(company.account(), kassir).orElseThrow().role()).isEqualTo(UserRole.OPERATOR);

        Tenants.Tenant other = Tenants.create(fleet);
        long theirs = users.create(other.accountId(), "their-admin", "their-password", UserRole.ADMIN);
        assertThat(company.boss().post("/console/users/" + theirs + "/role", "role", "OPERATOR").status()).isEqualTo(404);
        assertThat(company.boss().post("/console/users/" + theirs + "/password", "password", "taken-over").status())
                .isEqualTo(404);
        assertThat(users.find(other.accountId(), theirs).orElseThrow().role()).isEqualTo(UserRole.ADMIN);
        assertThat(new ConsoleClient(port).login(fleet.findAccount(other.accountId()).orElseThrow().number(), "their-admin",
                "their-password").redirect()).isEqualTo("/console/fleet");
    }
}
