package ru.openkassa.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.LoggerContext;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;

@ApiTest
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseVendor vendor;

    @Test
    void healthIncludesTheDatabase() {
        Http.Response health = new Http(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(health.json().get("components").get("db").get("status").stringValue()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsAcceptedReceiptsValidationFailuresAndQueueDepth() {
        Http http = new Http(port);
        String token = http.postJson("/possystem/v5/getToken", "{\"login\":\"demo\",\"pass\":\"demo-pass\"}")
                .json().get("token").stringValue();
        http.postJson("/possystem/v5/demo-shop-1/sell", ReceiptJson.sell("m-" + UUID.randomUUID()), "Token", token);
        http.postJson("/possystem/v5/demo-shop-1/sell", ReceiptJson.sell("x".repeat(129)), "Token", token);

        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).contains("openkassa_receipts_accepted_total{operation=\"sell\"}");
        assertThat(metrics).contains("openkassa_receipts_validation_failures_total{code=\"too_long\"}");
        assertThat(metrics).contains("openkassa_queue_depth{state=\"accepted\"}");
    }

    @Test
    void logEventsAreCountedByLevelWithoutATurboFilter() {
        Http http = new Http(port);
        double before = warnings(http.get("/actuator/prometheus").body());
        LoggerFactory.getLogger("ru.openkassa.test.log-events").warn("a warning the metric must count");
        LoggerFactory.getLogger("ru.openkassa.test.log-events").debug("below the level: not written, not counted");

        assertThat(warnings(http.get("/actuator/prometheus").body())).isEqualTo(before + 1);
        // a turbo filter would be asked at every isDebugEnabled() of every library
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
    }

    private static double warnings(String prometheus) {
        return prometheus.lines().filter(line -> line.startsWith("logback_events_total{level=\"warn\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    @Test
    void openApiDescribesBothMerchantApis() {
        Http.Response docs = new Http(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/possystem/{version}/{group}/{operation}", "/api/v1/receipts");
        assertThat(new Http(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
