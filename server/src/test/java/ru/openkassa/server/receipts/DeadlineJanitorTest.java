package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;

@ApiTest
class DeadlineJanitorTest {

    @LocalServerPort
    int port;

    @Autowired
    QueueJanitor janitor;

    @Test
    void aReceiptStillWaitingAfterItsDeadlineFailsWithTheAtolTimeout() {
        Http http = new Http(port);
        String token = http.postJson("/possystem/v5/getToken", "{\"login\":\"demo\",\"pass\":\"demo-pass\"}")
                .json().get("token").stringValue();
        String sixMinutesAgo = ZonedDateTime.now(ZoneId.of("Europe/Moscow")).minusMinutes(6)
                .format(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"));
        String late = http.postJson("/possystem/v5/demo-shop-1/sell",
                ReceiptJson.sell("late-" + UUID.randomUUID(), sixMinutesAgo), "Token", token).json().get("uuid").stringValue();
        String fresh = http.postJson("/possystem/v5/demo-shop-1/sell",
                ReceiptJson.sell("fresh-" + UUID.randomUUID()), "Token", token).json().get("uuid").stringValue();

        janitor.failExpired();

        JsonNode report = http.get("/possystem/v5/demo-shop-1/report/" + late, "Token", token).json();
        assertThat(report.get("status").stringValue()).isEqualTo("fail");
        assertThat(report.get("error").get("type").stringValue()).isEqualTo("timeout");
        assertThat(report.get("error").get("text").stringValue()).isEqualTo("Превышено время ожидания чека в очереди");
        assertThat(http.get("/possystem/v5/demo-shop-1/report/" + fresh, "Token", token).json()
                .get("status").stringValue()).isEqualTo("wait");
    }
}
