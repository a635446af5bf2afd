package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.JobState;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.ConsoleShop;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.Tenants;

/** "Receipts" over real HTTP: the list with its filters, paging and CSV, a receipt's page and its actions. */
@ApiTest
class ConsoleReceiptPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ReceiptService receipts;

    private ConsoleShop shop() {
        return ConsoleShop.create(context, port);
    }

    @Test
    void theListFiltersByStateExternalIdAmountRegisterAndDateAndRefusesBadInput() throws Exception {
        ConsoleShop shop = shop();
        String done = shop.fiscalizedSale("flt-done-" + UUID.randomUUID(), 11);
        String waiting = shop.sell("flt-wait-" + UUID.randomUUID(), null);
        FiscalJob waitingJob = receipts.find(shop.tenant.accountId(), UUID.fromString(waiting)).orElseThrow();

        Page all = shop.operator.get("/console/receipts");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains(done, waiting, "600,00");

        assertThat(shop.operator.get("/console/receipts?state=FISCALIZED").body()).contains(done).doesNotContain(waiting);
        assertThat(shop.operator.get("/console/receipts?state=ACCEPTED").body()).contains(waiting).doesNotContain(done);
        assertThat(shop.operator.get("/console/receipts?externalId=" + waitingJob.externalId()).body())
                .contains(waiting).doesNotContain(done);
        assertThat(shop.operator.get("/console/receipts?register=" + shop.register.id()).body())
                .contains(done).doesNotContain(waiting);
        assertThat(shop.operator.get("/console/receipts?amount=600,00").body()).contains(done, waiting);
        assertThat(shop.operator.get("/console/receipts?amount=600.01").body()).contains("id=\"no-receipts\"");
        assertThat(shop.operator.get("/console/receipts?group=" + shop.group.id() + "&entity=" + shop.group.legalEntityId())
                .body()).contains(done, waiting);
        String today = waitingJob.acceptedAt().atZoneSameInstant(FleetPages.DEFAULT_ZONE).toLocalDate().toString();
        assertThat(shop.operator.get("/console/receipts?from=" + today + "&to=" + today).body()).contains(done, waiting);
        assertThat(shop.operator.get("/console/receipts?to=2000-01-01").body()).contains("id=\"no-receipts\"");

        Page bad = shop.operator.get("/console/receipts?amount=много&from=вчера&state=LOST");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("Сумма — число рублей", "Дата в виде ГГГГ-ММ-ДД", "Нет такого состояния")
                .doesNotContain(done);
        assertThat(shop.operator.get("/console/receipts?amount=abc&lang=en").body()).contains("An amount in roubles");
        assertThat(shop.operator.get("/console/receipts?after=not-a-cursor").status()).isEqualTo(404);

        // another account's group, legal entity or register is not found
        ConsoleShop other = shop();
        assertThat(shop.operator.get("/console/receipts?group=" + other.group.id()).status()).isEqualTo(404);
        assertThat(shop.operator.get("/console/receipts?entity=" + other.group.legalEntityId()).status()).isEqualTo(404);
        assertThat(shop.operator.get("/console/receipts?register=" + other.register.id()).status()).isEqualTo(404);
        assertThat(other.admin.get("/console/receipts").body()).doesNotContain(done, waiting);
    }

    @Test
    void pagesFollowEachOtherByKeysetWithTheFiltersKept() {
        ConsoleShop shop = shop();
        for (int i = 0; i < ReceiptPages.PAGE_SIZE + 3; i++) {
            shop.sell("page-" + i + "-" + UUID.randomUUID(), null);
        }
        Page first = shop.admin.get("/console/receipts?state=ACCEPTED");
        assertThat(rows(first.body())).isEqualTo(ReceiptPages.PAGE_SIZE);
        String next = first.body().replaceAll("(?s).*id=\"next-page\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(next).contains("state=ACCEPTED", "after=");
        Page second = shop.admin.get(next);
        assertThat(rows(second.body())).isEqualTo(3);
        assertThat(second.body()).doesNotContain("id=\"next-page\"").contains("id=\"first-page\"");
    }

    private static int rows(String html) {
        return html.split("href=\"/console/receipts/[0-9a-f-]{36}\"", -1).length - 1;
    }

    @Test
    void theCsvIsTheFilteredListForExcel() throws Exception {
        ConsoleShop shop = shop();
        String done = shop.fiscalizedSale("csv-done-" + UUID.randomUUID(), 21);
        String waiting = shop.sell("csv-wait-" + UUID.randomUUID(), null);
        FiscalJob doneJob = receipts.find(shop.tenant.accountId(), UUID.fromString(done)).orElseThrow();

        ConsoleClient.Download csv = shop.operator.download("/console/receipts.csv?state=FISCALIZED");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()[0] & 0xff).isEqualTo(0xEF);
        String text = new String(csv.body(), StandardCharsets.UTF_8).substring(1);
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("accepted_at;external_id;operation;state;amount;");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(doneJob.externalId() + ";sell;FISCALIZED;600,00;" + shop.tenant.group() + ";7707083893;"
                + shop.register.registerId() + ";" + shop.device.fnNumber() + ";21;1000021;");
        assertThat(new String(shop.operator.download("/console/receipts.csv").body(), StandardCharsets.UTF_8))
                .contains(waiting.isEmpty() ? "" : "ACCEPTED");
        assertThat(shop.operator.download("/console/receipts.csv?amount=x").status()).isEqualTo(400);
        assertThat(ReceiptPages.csvField("a;b\"c")).isEqualTo("\"a;b\"\"c\"");
        assertThat(ReceiptPages.csvField("=1+1")).isEqualTo("'=1+1");
    }

    @Test
    void aReceiptsPageShowsItsTimelineFiscalDataAndQrAndIsNotFoundInAnotherAccount() throws Exception {
        ConsoleShop shop = shop();
        String uuid = shop.fiscalizedSale("det-" + UUID.randomUUID(), 31);
        FiscalJob job = receipts.find(shop.tenant.accountId(), UUID.fromString(uuid)).orElseThrow();
        String qr = receipts.qr(job).orElseThrow().toQrString();

        Page page = shop.operator.get("/console/receipts/" + uuid);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("фискализирован, не передан в ОФД", "id=\"not-delivered\"", "data-live=",
                "Касса теста", "ФД 31", qr.replace("&", "&amp;")).doesNotContain("id=\"make-refund\"");
        assertThat(page.body().indexOf("data-kind=\"ACCEPTED\"")).isLessThan(page.body().indexOf("data-kind=\"DISPATCHED\""));
        assertThat(page.body().indexOf("data-kind=\"DISPATCHED\"")).isLessThan(page.body().indexOf("data-kind=\"FISCALIZED\""));

        ConsoleClient.Download png = shop.operator.download("/console/receipts/" + uuid + "/qr.png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(decode(png.body())).isEqualTo(qr);

        assertThat(shop.device.delivered(31).status()).isEqualTo(200);
        Page live = shop.operator.get("/console/receipts/" + uuid + "/live");
        assertThat(live.body()).contains("data-state=\"DELIVERED\"", "data-kind=\"DELIVERED\"").doesNotContain("data-live=")
                .doesNotContain("<html");
        assertThat(shop.admin.get("/console/receipts/" + uuid + "?lang=en").body()).contains("delivered to the OFD",
                "Make a refund receipt");

        ConsoleShop other = shop();
        for (String path : new String[] {"", "/live", "/qr.png"}) {
            assertThat(other.admin.get("/console/receipts/" + uuid + path).status()).as(path).isEqualTo(404);
        }
        assertThat(other.admin.post("/console/receipts/" + uuid + "/refund").status()).isEqualTo(404);
        assertThat(other.admin.post("/console/receipts/" + uuid + "/resend-callback").status()).isEqualTo(404);
        assertThat(shop.admin.get("/console/receipts/not-a-uuid").status()).isEqualTo(404);
        assertThat(shop.admin.get("/console/receipts/" + UUID.randomUUID()).status()).isEqualTo(404);
        String waiting = shop.sell("det-wait-" + UUID.randomUUID(), null);
        assertThat(shop.admin.get("/console/receipts/" + waiting + "/qr.png").status()).isEqualTo(404);
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    }

    @Test
    void anAdministratorCancelsASaleByARefundReceiptOnceAndAnOperatorMayNot() throws Exception {
        ConsoleShop shop = shop();
        String sale = shop.fiscalizedSale("ref-" + UUID.randomUUID(), 41);
        FiscalJob saleJob = receipts.find(shop.tenant.accountId(), UUID.fromString(sale)).orElseThrow();

        shop.operator.get("/console/receipts/" + sale);
        assertThat(shop.operator.post("/console/receipts/" + sale + "/refund").status()).isEqualTo(403);

        assertThat(shop.admin.get("/console/receipts/" + sale).body()).contains("id=\"make-refund\"");
        Page made = shop.admin.post("/console/receipts/" + sale + "/refund");
        assertThat(made.status()).isEqualTo(302);
        String refundId = made.redirect().replace("/console/receipts/", "");
        assertThat(refundId).isNotEqualTo(sale);
        FiscalJob refund = receipts.find(shop.tenant.accountId(), UUID.fromString(refundId)).orElseThrow();
        assertThat(refund.operation()).isEqualTo("sell_refund");
        assertThat(refund.state()).isEqualTo(JobState.ACCEPTED);
        assertThat(refund.totalKopecks()).isEqualTo(saleJob.totalKopecks());
        assertThat(refund.groupId()).isEqualTo(saleJob.groupId());
        assertThat(shop.admin.get(made.redirect()).body()).contains("Чек возврата создан", "Возврат прихода");

        // the same sale again: the same refund, the sale itself unchanged
        shop.admin.get("/console/receipts/" + sale);
        assertThat(shop.admin.post("/console/receipts/" + sale + "/refund").redirect()).isEqualTo(made.redirect());
        assertThat(shop.admin.get("/console/receipts/" + sale).body()).contains("id=\"refund-link\"")
                .doesNotContain("id=\"make-refund\"");
        assertThat(receipts.find(shop.tenant.accountId(), UUID.fromString(sale)).orElseThrow().state())
                .isEqualTo(JobState.FISCALIZED);

        // a refund is not refunded, a receipt not fiscalized yet neither
        shop.admin.get(made.redirect());
        Page again = shop.admin.post(made.redirect() + "/refund");
        assertThat(shop.admin.get(again.redirect()).body()).contains("Возврат делается только для чека прихода");
        String waiting = shop.sell("ref-wait-" + UUID.randomUUID(), null);
        shop.admin.get("/console/receipts/" + waiting);
        Page early = shop.admin.post("/console/receipts/" + waiting + "/refund");
        assertThat(shop.admin.get(early.redirect()).body()).contains("только для фискализированного");
    }

    @Test
    void aSaleSentThroughTheNativeApiIsRefundedToo() throws Exception {
        ConsoleShop shop = shop();
        String body = ReceiptJson.set(ReceiptJson.set(ReceiptJson.nativeSell(shop.tenant.group(), "nat-" + UUID.randomUUID()),
                "/receipt/company/inn", "\"" + Tenants.Tenant.INN + "\""), "/receipt/company/sno", "\"osn\"");
        var taken = java.util.concurrent.CompletableFuture.supplyAsync(() -> shop.fiscalizeNext(57));
        Http.Response created = shop.http().postJson("/api/v1/receipts", body, "Authorization", shop.tenant.bearer(shop.http()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sale = taken.get(10, java.util.concurrent.TimeUnit.SECONDS);

        shop.admin.get("/console/receipts/" + sale);
        Page made = shop.admin.post("/console/receipts/" + sale + "/refund");
        FiscalJob refund = receipts.find(shop.tenant.accountId(), UUID.fromString(made.redirect().replace("/console/receipts/", "")))
                .orElseThrow();
        assertThat(refund.operation()).isEqualTo("sell_refund");
        assertThat(refund.apiVersion()).isEqualTo("v5");
    }

    @Test
    void theCallbackAttemptsAreShownAndAnAdministratorSendsTheCallbackAgain() throws Exception {
        ConsoleShop shop = shop();
        var taken = java.util.concurrent.CompletableFuture.supplyAsync(() -> shop.fiscalizeNext(51));
        String uuid = shop.sell("cb-" + UUID.randomUUID(), "http://127.0.0.1:9/callback");
        assertThat(taken.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(uuid);

        Page page = shop.admin.get("/console/receipts/" + uuid);
        assertThat(page.body()).contains("id=\"callbacks\"", "http://127.0.0.1:9/callback", "id=\"resend-callback\"");
        assertThat(shop.operator.get("/console/receipts/" + uuid).body()).contains("id=\"callbacks\"")
                .doesNotContain("id=\"resend-callback\"");
        assertThat(shop.operator.post("/console/receipts/" + uuid + "/resend-callback").status()).isEqualTo(403);

        Page resent = shop.admin.post("/console/receipts/" + uuid + "/resend-callback");
        assertThat(resent.redirect()).isEqualTo("/console/receipts/" + uuid);
        assertThat(shop.admin.get(resent.redirect()).body()).contains("Уведомление будет отправлено снова");

        String quiet = shop.sell("cb-none-" + UUID.randomUUID(), null);
        shop.admin.get("/console/receipts/" + quiet);
        Page none = shop.admin.post("/console/receipts/" + quiet + "/resend-callback");
        assertThat(shop.admin.get(none.redirect()).body()).contains("У чека нет уведомлений");
    }
}
