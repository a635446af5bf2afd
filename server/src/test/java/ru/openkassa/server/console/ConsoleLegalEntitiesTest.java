package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.LegalEntity;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.Tenants;

/** Legal entities in the console: an INN must pass its checksum, once per account; operators only look. */
@ApiTest
class ConsoleLegalEntitiesTest {

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;

    /** A fresh account with an administrator, so that entities added here do not show up in other tests. */
    private ConsoleClient freshAccountAdmin(long[] account) {
        String number = "E" + UUID.randomUUID().toString().substring(0, 8);
        account[0] = fleet.createAccount(number, "Организации " + number);
        users.create(account[0], "admin", "admin-password", UserRole.ADMIN);
        ConsoleClient console = new ConsoleClient(port);
        console.login(number, "admin", "admin-password");
        console.get("/console/entities");
        return console;
    }

    @Test
    void anInnWithABadChecksumOrLengthIsRefusedWithWhatWasTypedKept() {
        long[] account = new long[1];
        ConsoleClient console = freshAccountAdmin(account);
        Page checksum = console.post("/console/entities", "name", "ООО «Лютик»", "inn", "7707083894", "taxSystems", "OSN");
        assertThat(checksum.status()).isEqualTo(200);
        assertThat(checksum.body()).contains("Неверный ИНН: не сходится контрольное число", "value=\"ООО «Лютик»\"");
        Page length = console.post("/console/entities", "name", "ООО «Лютик»", "inn", "77070838", "taxSystems", "OSN");
        assertThat(length.body()).contains("ИНН: 10 цифр (организация) или 12 (ИП)");
        Page noTax = console.post("/console/entities", "name", "ООО «Лютик»", "inn", "7707083893");
        assertThat(noTax.body()).contains("Выберите хотя бы одну систему налогообложения");
        assertThat(noTax.body()).as("the address is required").contains("Укажите юридический адрес организации");
        assertThat(fleet.legalEntities(account[0])).isEmpty();
    }

    @Test
    void anAddressIsRequiredNoLongerThanItsLimitAndKeptWhenTheFormIsRefused() {
        long[] account = new long[1];
        ConsoleClient console = freshAccountAdmin(account);
        String address = "г. Казань, ул. Баумана, д. 7";
        Page badInn = console.post("/console/entities", "name", "ООО «Лютик»", "inn", "7707083894", "taxSystems", "OSN",
                "address", address);
        assertThat(badInn.body()).contains("value=\"" + address + "\"").doesNotContain("Укажите юридический адрес");
        Page tooLong = console.post("/console/entities", "name", "ООО «Лютик»", "inn", "7707083893", "taxSystems", "OSN",
                "address", "д".repeat(257));
        assertThat(tooLong.body()).contains("Адрес: не длиннее 256 символов");
        assertThat(fleet.legalEntities(account[0])).isEmpty();

        assertThat(console.post("/console/entities", "name", "ООО «Лютик»", "inn", "7707083893", "taxSystems", "OSN",
                "address", address).redirect()).isEqualTo("/console/entities");
        assertThat(fleet.legalEntities(account[0]).getFirst().address()).isEqualTo(address);
        assertThat(console.get("/console/entities").body()).contains(address);
    }

    @Test
    void anEntityIsAddedOnceAndRegistersCanThenBeAddedForIt() {
        long[] account = new long[1];
        ConsoleClient console = freshAccountAdmin(account);
        assertThat(console.get("/console/entities").body()).contains("Организаций пока нет");
        Page added = console.post("/console/entities", "name", "ИП Иванов", "inn", "500100732259",
                "taxSystems", "USN_INCOME", "taxSystems", "PATENT", "email", "ivanov@example.ru",
                "address", "Московская обл., г. Химки, ул. Ленина, д. 3");
        assertThat(added.redirect()).isEqualTo("/console/entities");
        LegalEntity entity = fleet.legalEntities(account[0]).getFirst();
        assertThat(entity.inn()).isEqualTo("500100732259");
        assertThat(entity.taxSystems()).isEqualTo(2 | 32);
        assertThat(console.get("/console/entities").body()).contains("ИП Иванов", "УСН доход", "Патент");
        assertThat(console.post("/console/entities", "name", "Ещё раз", "inn", "500100732259", "taxSystems", "OSN",
                "address", "г. Тверь").body())
                .contains("Организация с этим ИНН уже есть");
        assertThat(console.get("/console/registers/new").body()).contains("ИП Иванов (ИНН 500100732259)");
    }

    @Test
    void anAdministratorGivesAnEntityItsAddressAndNobodyChangesAnotherAccounts() {
        long[] account = new long[1];
        ConsoleClient console = freshAccountAdmin(account);
        long entity = fleet.addLegalEntity(account[0], "ООО «Старое»", "7707083893", 1, null);
        assertThat(console.get("/console/entities").body()).contains("id=\"address-7707083893\"");

        Page empty = console.post("/console/entities/" + entity + "/address", "address", "  ");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("Укажите юридический адрес организации");
        assertThat(console.post("/console/entities/" + entity + "/address", "address", "г. Пермь, ул. Ленина, д. 1").redirect())
                .isEqualTo("/console/entities");
        assertThat(fleet.legalEntities(account[0]).getFirst().address()).isEqualTo("г. Пермь, ул. Ленина, д. 1");
        assertThat(console.get("/console/audit").body()).contains("Изменён адрес организации");

        long theirs = fleet.legalEntities(Tenants.create(fleet).accountId()).getFirst().id();
        console.get("/console/entities");
        assertThat(console.post("/console/entities/" + theirs + "/address", "address", "захвачено").status()).isEqualTo(404);
        ConsoleClient operator = new ConsoleClient(port);
        operator.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_OPERATOR, DemoData.CONSOLE_OPERATOR_PASSWORD);
        long demoEntity = fleet.legalEntities(fleet.findAccountByNumber(DemoData.ACCOUNT_NUMBER).orElseThrow()).getFirst().id();
        assertThat(operator.post("/console/entities/" + demoEntity + "/address", "address", "г. Тверь").status())
                .isEqualTo(403);
        assertThat(fleet.legalEntities(account[0])).extracting(LegalEntity::address).doesNotContain("захвачено");
    }

    @Test
    void operatorsSeeEntitiesButCannotAddThemAndNobodySeesAnotherAccounts() {
        Tenants.create(fleet);
        ConsoleClient operator = new ConsoleClient(port);
        operator.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_OPERATOR, DemoData.CONSOLE_OPERATOR_PASSWORD);
        Page page = operator.get("/console/entities");
        assertThat(page.body()).contains("ООО «Ромашка»", DemoData.INN_VASILEK).doesNotContain("id=\"save\"", Tenants.Tenant.INN);
        assertThat(operator.post("/console/entities", "name", "X", "inn", "7707083893", "taxSystems", "OSN").status())
                .isEqualTo(403);
    }
}
