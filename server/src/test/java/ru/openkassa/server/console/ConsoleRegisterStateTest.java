package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.ConsoleShop;

/** "Registers' state" and a register's task journal over real HTTP. */
@ApiTest
class ConsoleRegisterStateTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void theListShowsWhatTheLastHeartbeatSaidAndThePageTheTaskJournalWithTheErrorText() throws Exception {
        ConsoleShop shop = ConsoleShop.create(context, port);
        String done = shop.fiscalizedSale("jr-" + UUID.randomUUID(), 81);
        assertThat(shop.device.delivered(81).status()).isEqualTo(200);
        CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> {
            var task = shop.device.nextTask(5);
            String id = task.get("id").stringValue();
            shop.device.ack(id);
            shop.device.failed(id, 3807, "Чек не может быть пробит: неверная ставка НДС", false);
            return id;
        });
        String failed = shop.sell("jr-fail-" + UUID.randomUUID(), null);
        assertThat(failing.get(10, TimeUnit.SECONDS)).isEqualTo(failed);

        Page list = shop.operator.get("/console/registers");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Касса теста", shop.register.registerId(), "на связи", "открыта № 7",
                shop.device.fnNumber(), "24.11.2029", "1.0", "data-online=\"true\"");
        assertThat(shop.operator.get("/console/registers?lang=en").body()).contains("online", "open no. 7");

        Page page = shop.operator.get("/console/registers/" + shop.register.id() + "?lang=ru");
        assertThat(page.body()).contains("Журнал заданий", "data-kind=\"DISPATCHED\"", "data-kind=\"ACKED\"",
                "data-kind=\"FISCALIZED\"", "data-kind=\"FAILED\"", "неверная ставка НДС", "/console/receipts/" + done,
                "/console/receipts/" + failed, "data-live=\"/console/registers/" + shop.register.id() + "/live\"");
        Page live = shop.operator.get("/console/registers/" + shop.register.id() + "/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("id=\"register-live\"", "неверная ставка НДС").doesNotContain("<html");

        ConsoleShop other = ConsoleShop.create(context, port);
        assertThat(other.admin.get("/console/registers/" + shop.register.id() + "/live").status()).isEqualTo(404);
        assertThat(other.admin.get("/console/registers").body()).doesNotContain(shop.register.registerId())
                .contains(other.register.registerId());
        assertThat(other.admin.get("/console/registers/" + other.register.id()).body()).contains("id=\"journal-empty\"");
    }
}
