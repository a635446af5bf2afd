package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Browser;

/** The idle-timeout message in a real browser: the same short timeout as {@link ConsoleSessionTimeoutTest}, so one application serves both. */
@ApiTest
@TestPropertySource(properties = {"openkassa.console.session-timeout=2s", "openkassa.console.max-failures-per-address=3"})
class ConsoleBrowserTimeoutTest {

    @LocalServerPort
    int port;

    @Test
    void anIdleBrowserIsToldWhyItsSessionEndedAndShownTheLoginForm() throws InterruptedException {
        assumeTrue(Browser.installed(), "chromium and chromedriver are not installed (CI installs them)");
        ChromeDriver browser = Browser.start();
        try {
            browser.get("http://localhost:" + port + "/console/login");
            browser.findElement(By.id("client")).sendKeys(DemoData.ACCOUNT_NAME);
            browser.findElement(By.id("username")).sendKeys(DemoData.CONSOLE_ADMIN);
            browser.findElement(By.id("password")).sendKeys(DemoData.CONSOLE_ADMIN_PASSWORD);
            Browser.clickAndWait(browser, By.id("login"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Группы и кассы");

            Thread.sleep(3_000);
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("notice")).getText())
                    .isEqualTo("В связи с отсутствием активности в целях безопасности сессия была завершена");
            assertThat(browser.findElement(By.id("password")).isDisplayed()).isTrue();
            assertThat(Browser.errors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
