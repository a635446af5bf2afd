package ru.openkassa.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

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
    void openApiDescribesBothMerchantApis() {
        Http.Response docs = new Http(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/possystem/{version}/{group}/{operation}", "/api/v1/receipts");
        assertThat(new Http(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
