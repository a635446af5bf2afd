package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Browser;

/**
 * The idle-timeout message in a real browser, also for a page left open that keeps polling: the same
 * short timeout as {@link ConsoleSessionTimeoutTest}, so one application serves both.
 */
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
            logIn(browser);
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

    @Test
    void anOverviewLeftOpenEndsItsSessionWhenIdleAndShowsTheLoginFormWithTheReason() {
        assumeTrue(Browser.installed(), "chromium and chromedriver are not installed (CI installs them)");
        ChromeDriver browser = Browser.start();
        try {
            logIn(browser);
            browser.get("http://localhost:" + port + "/console/dashboard");

            // nobody touches it: its live part keeps polling, yet the session ends and the page says why
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("notice")).isEmpty());
            assertThat(browser.findElement(By.id("notice")).getText())
                    .isEqualTo("В связи с отсутствием активности в целях безопасности сессия была завершена");
            assertThat(browser.getCurrentUrl()).endsWith("/console/login?expired");
            assertThat(Browser.errors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private void logIn(ChromeDriver browser) {
        browser.get("http://localhost:" + port + "/console/login");
        browser.findElement(By.id("client")).sendKeys(DemoData.ACCOUNT_NAME);
        browser.findElement(By.id("username")).sendKeys(DemoData.CONSOLE_ADMIN);
        browser.findElement(By.id("password")).sendKeys(DemoData.CONSOLE_ADMIN_PASSWORD);
        Browser.clickAndWait(browser, By.id("login"));
    }
}
