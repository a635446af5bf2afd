package ru.openkassa.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import ru.openkassa.server.support.TestDatabase;

@SpringBootTest(properties = {"logging.level.root=WARN", "openkassa.bootstrap.account-number=700001",
        "openkassa.bootstrap.account-name=Первая компания", "openkassa.bootstrap.admin-login=chief",
        "openkassa.bootstrap.admin-password=first-pass-1"})
@ContextConfiguration(initializers = TestDatabase.class)
class FirstAccountTest {

    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aNewInstallationGetsItsFirstAccountAndAdministratorFromConfiguration() {
        assertThat(users.authenticate("700001", "chief", "first-pass-1"))
                .hasValueSatisfying(user -> assertThat(user.role()).isEqualTo(UserRole.ADMIN));
        assertThat(users.authenticate("Первая компания", "chief", "first-pass-1")).isPresent();

        // every later start finds the account and leaves it as it is
        new FirstAccount(new FirstAccount.Settings("700001", "Первая компания", "chief", "first-pass-1"), fleet, users,
                transaction).run(null);
        assertThat(fleet.findAccountByNumber("700001")).isPresent();
        assertThat(users.list(fleet.findAccountByNumber("700001").orElseThrow())).hasSize(1);
    }

    @Test
    void badSettingsStopTheStartAndStoreNothing() {
        FirstAccount weak = new FirstAccount(new FirstAccount.Settings("700002", "Вторая", "boss", "short"), fleet, users,
                transaction);
        assertThatThrownBy(() -> weak.run(null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("password");
        assertThat(fleet.findAccountByNumber("700002")).as("the account is not left without its administrator").isEmpty();

        FirstAccount incomplete = new FirstAccount(new FirstAccount.Settings("700003", null, null, null), fleet, users,
                transaction);
        assertThatThrownBy(() -> incomplete.run(null)).isInstanceOf(IllegalStateException.class);
        assertThat(fleet.findAccountByNumber("700003")).isEmpty();
    }
}
