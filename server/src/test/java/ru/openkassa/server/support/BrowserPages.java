package ru.openkassa.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test class driving the console in one headless chromium (phone width) for all its tests, logged
 * out after each; skipped when chromium is not installed.
 */
public abstract class BrowserPages {

    protected static ChromeDriver browser;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(Browser.installed(), "chromium and chromedriver are not installed (CI installs them)");
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @AfterEach
    void logOut() {
        browser.manage().deleteAllCookies();
    }

    protected void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Clicks something that loads another page, and waits until the other page is there. */
    protected void clickAndWait(By target) {
        Browser.clickAndWait(browser, target);
    }

    protected void logIn(String client, String user, String password) {
        open("/console/login");
        browser.findElement(By.id("client")).sendKeys(client);
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        clickAndWait(By.id("login"));
    }
}
