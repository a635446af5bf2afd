package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.receipts.QueueDepthHistory;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.ConsoleShop;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.ScriptedRegister;
import ru.openkassa.server.support.Tenants;

/** "Overview" over real HTTP: what needs a person's attention in one account, and nothing of another. */
@ApiTest
class ConsoleDashboardTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    RegisterService registers;

    @Test
    void theOverviewCountsRegistersAndReceiptsAndNamesWhatNeedsAttention() throws Exception {
        ConsoleShop shop = ConsoleShop.create(context, port);
        shop.fiscalizedSale("dash-" + UUID.randomUUID(), 91);
        shop.sell("dash-wait-" + UUID.randomUUID(), null);
        // paid 4.5 minutes ago: a register must take it within half a minute
        String paid = OffsetDateTime.now().atZoneSameInstant(ZoneId.of("Europe/Moscow")).minusSeconds(270)
                .format(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"));
        String late = "dash-late-" + UUID.randomUUID();
        assertThat(shop.http().postJson("/possystem/v5/" + shop.tenant.group() + "/sell",
                ReceiptJson.set(ReceiptJson.sellFor(late, Tenants.Tenant.INN, "osn", null), "/timestamp", "\"" + paid + "\""),
                "Token", shop.tenant.atolToken(shop.http())).status()).isEqualTo(200);

        // a second register: its FN ends in 10 days and its oldest unsent document is 4 days old
        var second = registers.create(shop.tenant.accountId(), shop.group.legalEntityId(), "Касса с ФН на исходе",
                ZoneId.of("Europe/Moscow"), java.util.List.of(shop.group.id()));
        String hello = ScriptedRegister.helloBody(second.registerId(), "SER-FN-" + second.id(), Tenants.Tenant.INN,
                "9999078900008888").replace("2029-11-24", LocalDate.now().plusDays(10).toString());
        String token = shop.http().postJson("/device/v1/hello", hello).json().get("device_token").stringValue();
        assertThat(shop.http().postJson("/device/v1/state", """
                {"mode": "idle", "paper": true, "shift": {"open": true, "number": 2},
                 "ofd": {"connected": false, "unsent_count": 12, "oldest_unsent_at": "%s"},
                 "fn": {"number": "9999078900008888", "fill_percent": 3}}""".formatted(OffsetDateTime.now().minusDays(4)),
                "Authorization", "Bearer " + token).status()).isEqualTo(200);

        // the first register's contact is its poll, written with the others' once a second
        Await.until("both registers online", Duration.ofSeconds(10), () -> shop.operator.get("/console/dashboard").body()
                .replaceAll("\\s+", " ").contains("<strong>2</strong> <span>касс на связи</span>"));
        Page page = shop.operator.get("/console/dashboard");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("data-live=\"/console/dashboard/live\"", "<svg id=\"chart\"", "Чеки в минуту за 24 часа (всего 3)");
        assertThat(body.replaceAll("\\s+", " ")).contains("<strong>2</strong> <span>касс на связи</span>")
                .contains("<strong>1</strong> <span>фискализирован, не передан в ОФД</span>")
                .contains("data-state=\"ACCEPTED\"> <strong>2</strong>", "data-state=\"FISCALIZED\"> <strong>1</strong>");
        assertThat(body).contains("id=\"near-deadline\"", late)
                .contains("Касса с ФН на исходе", "ФН заканчивается", "документы не переданы в ОФД уже 4 d");
        assertThat(shop.operator.get("/console/dashboard/live?lang=en").body()).contains("Receipts today")
                .doesNotContain("<html");

        ConsoleShop other = ConsoleShop.create(context, port);
        String otherPage = other.admin.get("/console/dashboard").body();
        assertThat(otherPage).doesNotContain(late, "Касса с ФН на исходе").contains("id=\"no-attention\"", "(всего 0)");
    }

    @Test
    void theQueueChartShowsReceiptsWaitingAndAtARegisterAsSampledEveryMinute() {
        ConsoleShop shop = ConsoleShop.create(context, port);
        shop.sell("queue-" + UUID.randomUUID(), null);
        shop.sell("queue-" + UUID.randomUUID(), null);
        assertThat(shop.device.nextTask(5)).as("one of them leased to the register").isNotNull();
        context.getBean(QueueDepthHistory.class).sample();

        String body = shop.operator.get("/console/dashboard").body();
        assertThat(body).contains("<svg id=\"queue-chart\"", "Очередь чеков за 24 часа", "наибольшая очередь 2",
                "ждут кассу", "у кассы, ещё не фискализированы");
        assertThat(body).containsPattern("class=\"queue-waiting\"[^>]* d=\"M1439,100v-\\d+h1v\\d+z\"");
        assertThat(shop.operator.get("/console/dashboard/live?lang=en").body()).contains("longest queue 2");

        ConsoleShop other = ConsoleShop.create(context, port);
        assertThat(other.admin.get("/console/dashboard").body()).contains("наибольшая очередь 0")
                .contains("<path class=\"queue-waiting\" fill=\"currentColor\"/>");
    }
}
