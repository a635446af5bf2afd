package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.ofd.OfdEmulator;
import ru.openkassa.emulator.register.RegisterConfig;
import ru.openkassa.emulator.register.VirtualRegister;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Browser;
import ru.openkassa.server.support.BrowserPages;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.Tenants;

/**
 * An OFD outage as a store owner sees it, with nothing scripted: a virtual register (its FN, its OFD
 * link) sends to the OFD emulator; the OFD is switched off, a receipt posted through the ATOL API is
 * fiscalized but not delivered, and the overview says so; the OFD is switched on and the overview
 * follows, without reload. On the way the register's page checks the connection and shows that the
 * register cannot reach its OFD.
 */
@ApiTest
class ConsoleOfdOutageBrowserTest extends BrowserPages {

    @Autowired
    FleetService fleet;
    @Autowired
    RegisterService registers;
    @Autowired
    UserService users;
    @TempDir
    Path dir;

    private OfdEmulator ofd;
    private VirtualRegister register;

    @AfterEach
    void stopEmulators() {
        if (register != null) {
            register.stop();
        }
        if (ofd != null) {
            ofd.stop();
        }
    }

    @Test
    void whileTheOfdIsSwitchedOffAReceiptIsFiscalizedNotDeliveredOnTheOverviewAndDeliveredOnceItIsBack() {
        Tenants.Tenant tenant = Tenants.create(fleet);
        users.create(tenant.accountId(), "admin", "admin-password", UserRole.ADMIN);
        RoutingGroup group = fleet.findGroupByCode(tenant.group()).orElseThrow();
        Register cashbox = registers.create(tenant.accountId(), group.legalEntityId(), "Касса магазина",
                ZoneId.of("Europe/Moscow"), List.of(group.id()));
        ofd = OfdEmulator.start(0, -1);
        register = VirtualRegister.start(RegisterConfig.builder(cashbox.registerId(), URI.create("http://localhost:" + port),
                        dir.resolve("register"))
                .inn(Tenants.Tenant.INN)
                .taxSystems(List.of(TaxSystem.OSN))
                .ofd(ofd.address())
                .pollWaitSeconds(5)
                .heartbeatInterval(Duration.ofSeconds(1))
                .build());

        ofd.switches().down(true);
        Http http = new Http(port);
        assertThat(http.postJson("/possystem/v5/" + tenant.group() + "/sell",
                ReceiptJson.sellFor("outage-" + UUID.randomUUID(), Tenants.Tenant.INN, "osn", null),
                "Token", tenant.atolToken(http)).status()).isEqualTo(200);

        logIn(fleet.findAccount(tenant.accountId()).orElseThrow().number(), "admin", "admin-password");
        open("/console/dashboard");
        By notDelivered = By.cssSelector("#tile-not-delivered strong");
        // the live poll replaces these elements every few seconds: a found one may go stale before it is read
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> "1".equals(d.findElement(notDelivered).getText())
                && d.findElement(By.id("tile-not-delivered")).getText().contains("фискализирован, не передан в ОФД")
                && "1".equals(d.findElement(By.cssSelector("#today [data-state='FISCALIZED'] strong")).getText()));

        open("/console/registers/" + cashbox.id());
        clickAndWait(By.id("check-connection"));
        By answer = By.cssSelector("#diagnostic-answers li[data-kind='CONNECTION']");
        wait.until(d -> "answered".equals(d.findElement(answer).getAttribute("data-state"))
                && d.findElement(answer).getText().contains("касса ответила в")
                && d.findElement(answer).getText().contains("ОФД недоступен"));
        assertThat((Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).as("fits a phone").isTrue();

        open("/console/dashboard");
        browser.executeScript("window.notReloaded = true;");
        ofd.switches().down(false);
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> "0".equals(d.findElement(notDelivered).getText())
                        && "1".equals(d.findElement(By.cssSelector("#today [data-state='DELIVERED'] strong")).getText()));
        assertThat((Boolean) browser.executeScript("return window.notReloaded === true;")).isTrue();
        assertThat(Browser.errors(browser)).isEmpty();
    }
}
