package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Browser;
import ru.openkassa.server.support.BrowserPages;
import ru.openkassa.server.support.ConsoleShop;

/** Receipts in a real (headless) browser at phone width: a receipt goes live to delivered, its QR, refund, filters, CSV. */
@ApiTest
class ConsoleReceiptsBrowserTest extends BrowserPages {

    @Autowired
    ApplicationContext context;
    @Autowired
    ReceiptService receipts;

    private ConsoleShop logIn() {
        ConsoleShop shop = ConsoleShop.create(context, port);
        logIn(shop.accountNumber, "admin", "admin-password");
        return shop;
    }

    /** Nothing sticks out at phone width: the page never scrolls sideways (wide tables scroll in their box). */
    private void fitsThePhone() {
        assertThat((Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).as(browser.getCurrentUrl()).isTrue();
    }

    private String state() {
        return browser.findElement(By.id("state")).getAttribute("data-state");
    }

    private void waitForState(String state) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> state.equals(state()));
    }

    @Test
    void aReceiptPostedThroughTheAtolApiGoesToFiscalizedAndDeliveredOnItsPageWithoutReload() throws Exception {
        ConsoleShop shop = logIn();
        String uuid = shop.sell("live-" + UUID.randomUUID(), null);

        open("/console/receipts");
        clickAndWait(By.cssSelector("a[href='/console/receipts/" + uuid + "']"));
        assertThat(state()).isEqualTo("ACCEPTED");
        fitsThePhone();
        browser.executeScript("window.notReloaded = true;");

        CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> shop.fiscalizeNext(61));
        assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(uuid);
        waitForState("FISCALIZED");
        assertThat(browser.findElement(By.id("not-delivered")).getText()).contains("ОФД ещё не подтвердил");

        // the QR image shown decodes to the receipt's QR string
        FiscalJob job = receipts.find(shop.tenant.accountId(), UUID.fromString(uuid)).orElseThrow();
        String qr = receipts.qr(job).orElseThrow().toQrString();
        assertThat(browser.findElement(By.id("qr-text")).getText()).isEqualTo(qr);
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> (Boolean) browser.executeScript(
                "var i = document.getElementById('qr'); return i.complete && i.naturalWidth > 0;"));
        String png = (String) browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(document.getElementById('qr').src).then(r => r.arrayBuffer()).then(b => {
                  var s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); });""");
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
        assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, true)).getText()).isEqualTo(qr);

        assertThat(shop.device.delivered(61).status()).isEqualTo(200);
        waitForState("DELIVERED");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("передан в ОФД");
        assertThat(browser.findElements(By.cssSelector("[data-kind='DELIVERED']"))).hasSize(1);
        assertThat((Boolean) browser.executeScript("return window.notReloaded === true;")).isTrue();
        assertThat(browser.findElement(By.id("live")).getAttribute("data-live")).isNull();
        fitsThePhone();
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void theRefundActionMakesARefundReceipt() throws Exception {
        ConsoleShop shop = logIn();
        String sale = shop.fiscalizedSale("brefund-" + UUID.randomUUID(), 71);
        open("/console/receipts/" + sale);
        clickAndWait(By.id("make-refund"));
        assertThat(browser.getCurrentUrl()).doesNotEndWith(sale);
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Возврат прихода");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("Чек возврата создан");
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void filtersNarrowTheListAndTheCsvLinkCarriesThem() throws Exception {
        ConsoleShop shop = logIn();
        String wanted = "bfilter-" + UUID.randomUUID();
        String uuid = shop.sell(wanted, null);
        String other = shop.sell("bfilter-other-" + UUID.randomUUID(), null);

        open("/console/receipts");
        assertThat(browser.findElements(By.cssSelector("#receipts tbody tr"))).hasSize(2);
        browser.findElement(By.id("externalId")).sendKeys(wanted);
        clickAndWait(By.id("apply"));
        assertThat(browser.findElements(By.cssSelector("#receipts tbody tr"))).hasSize(1);
        fitsThePhone();
        assertThat(browser.findElement(By.id("receipts")).getText()).contains(wanted);
        assertThat(browser.findElements(By.cssSelector("a[href='/console/receipts/" + other + "']"))).isEmpty();

        String csv = (String) browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(document.getElementById('csv').href).then(r => r.text()).then(done);""");
        assertThat(csv).contains(wanted).doesNotContain("bfilter-other-");
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(uuid).isNotBlank();

        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("сто");
        clickAndWait(By.id("apply"));
        assertThat(browser.findElement(By.cssSelector(".field-error")).getText()).contains("Сумма — число рублей");
        assertThat(Browser.errors(browser)).isEmpty();
    }

    @Test
    void whileTheOfdDoesNotConfirmTheOverviewShowsFiscalizedNotDeliveredUntilItDoes() throws Exception {
        ConsoleShop shop = logIn();
        // the register fiscalizes, but its OFD link is down: nothing is confirmed
        shop.fiscalizedSale("bofd-" + UUID.randomUUID(), 95);
        open("/console/dashboard");
        var tile = By.cssSelector("#tile-not-delivered strong");
        assertThat(browser.findElement(tile).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("tile-not-delivered")).getText()).contains("фискализирован, не передан в ОФД");
        assertThat(browser.findElement(By.id("chart")).isDisplayed()).isTrue();
        fitsThePhone();
        open("/console/registers");
        fitsThePhone();
        open("/console/registers/" + shop.register.id());
        fitsThePhone();
        open("/console/dashboard");
        browser.executeScript("window.notReloaded = true;");

        // the link is back and the OFD confirms: the overview follows without reload
        assertThat(shop.device.delivered(95).status()).isEqualTo(200);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "0".equals(d.findElement(tile).getText()));
        assertThat((Boolean) browser.executeScript("return window.notReloaded === true;")).isTrue();
        assertThat(Browser.errors(browser)).isEmpty();
    }
}
