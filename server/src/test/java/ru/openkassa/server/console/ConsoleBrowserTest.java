package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.fleet.DeadlinePolicy;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Browser;
import ru.openkassa.server.support.BrowserPages;
import ru.openkassa.server.support.Tenants;

/** The console in a real (headless) browser, at phone width: what a person does, and no errors in the browser console. */
@ApiTest
class ConsoleBrowserTest extends BrowserPages {

    @Autowired
    FleetService fleet;
    @Autowired
    UserService users;
    @Autowired
    DealerService dealers;

    @Test
    void anAdministratorAddsARegisterAndSeesItsId() {
        logIn(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Группы и кассы");
        clickAndWait(By.id("add-register"));
        browser.findElement(By.id("name")).sendKeys("Касса из браузера");
        new Select(browser.findElement(By.id("legalEntity"))).selectByVisibleText("ООО «Ромашка» (ИНН 5544332219)");
        clickAndWait(By.id("save"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Касса из браузера");
        assertThat(browser.findElement(By.id("register-id")).getText()).matches("\\d{10}");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("ПРОГРАММИРОВАНИЕ → СЕРВ. ККТ → ID КАССЫ");

        open("/console/fleet");
        assertThat(browser.findElement(By.id("registers")).getText()).contains("Касса из браузера");
        open("/console/audit");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("Касса добавлена");
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void anAdministratorRenamesAGroup() {
        long demo = fleet.findAccountByNumber(DemoData.ACCOUNT_NUMBER).orElseThrow();
        long romashka = fleet.findLegalEntityByInn(demo, DemoData.INN_ROMASHKA).orElseThrow();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long group = fleet.addGroup(demo, "browser-" + suffix, "Киоск " + suffix, romashka, "https://kiosk.example.ru",
                DeadlinePolicy.MINUTES_5);
        logIn(DemoData.ACCOUNT_NAME, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        clickAndWait(By.linkText("Киоск " + suffix));
        var name = browser.findElement(By.id("name"));
        name.clear();
        name.sendKeys("Киоск у метро " + suffix);
        clickAndWait(By.id("save"));

        assertThat(browser.findElement(By.id("group-name")).getText()).isEqualTo("Киоск у метро " + suffix);
        assertThat(browser.findElement(By.className("notice")).getText()).isEqualTo("Сохранено");
        assertThat(fleet.findGroup(demo, group).orElseThrow().name()).isEqualTo("Киоск у метро " + suffix);
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void aWrongPasswordShowsWhyAndKeepsTheClient() {
        logIn(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, "not-the-password");
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("Неверный клиент, пользователь или пароль");
        assertThat(browser.findElement(By.id("client")).getAttribute("value")).isEqualTo(DemoData.ACCOUNT_NUMBER);
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void theLanguageSwitchesToEnglishAndBack() {
        logIn(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_OPERATOR, DemoData.CONSOLE_OPERATOR_PASSWORD);
        clickAndWait(By.linkText("EN"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Groups and registers");
        assertThat(browser.findElements(By.id("add-register"))).as("an operator may not add").isEmpty();
        clickAndWait(By.linkText(DemoData.REGISTER_NAMES.getFirst()));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Register ID");
        clickAndWait(By.linkText("RU"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("ID кассы");
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void aDealerAcceptsARequestAndEntersTheClient() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long asc = fleet.createAccount("D" + suffix, "АСЦ " + suffix);
        long staff = users.create(asc, "master", "master-pass", UserRole.ADMIN);
        dealers.flagUser(asc, staff, true);
        dealers.loggedIn(asc, staff);
        Tenants.Tenant client = Tenants.create(fleet);
        String clientNumber = fleet.findAccount(client.accountId()).orElseThrow().number();
        dealers.request(client.accountId(), "D" + suffix, "admin");

        logIn("D" + suffix, "master", "master-pass");
        clickAndWait(By.linkText("Дилер"));
        clickAndWait(By.id("accept-" + clientNumber));
        assertThat(browser.findElement(By.className("notice")).getText()).isEqualTo("Клиент принят на обслуживание");
        clickAndWait(By.id("enter-" + clientNumber));
        assertThat(browser.findElement(By.id("acting-banner")).getText()).contains("АСЦ " + suffix, clientNumber);
        assertThat(browser.findElement(By.id("groups")).getText()).contains("Other shop");
        clickAndWait(By.id("exit-client"));
        assertThat(browser.findElements(By.id("acting-banner"))).isEmpty();
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void theConsoleCheckWouldSeeAnError() {
        logIn(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD);
        open("/console/registers/999999999");
        assertThat(browser.findElement(By.id("error-text")).getText()).isEqualTo("Страница не найдена");
        browser.executeScript("console.error('deliberate')");
        assertThat(Browser.errors(browser)).anyMatch(message -> message.contains("deliberate"));
    }
}
