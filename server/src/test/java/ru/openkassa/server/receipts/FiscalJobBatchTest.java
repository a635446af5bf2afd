package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.support.ApiTest;

/** The intake's group insert: one statement for many receipts, each told whether it was stored. */
@ApiTest
class FiscalJobBatchTest {

    @Autowired
    FiscalJobRepository jobs;

    @Autowired
    FleetService fleet;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void eachReceiptOfABatchIsStoredOnceAndTheFirstOfAnExternalIdWins() {
        RoutingGroup group = fleet.findGroupByCode("demo-shop-1").orElseThrow();
        String x = "batch-" + UUID.randomUUID();
        String y = "batch-" + UUID.randomUUID();
        FiscalJobRepository.NewJob first = job(group, x, 100, "https://shop.example/cb?a=1&b=\"2\"", null);
        FiscalJobRepository.NewJob second = job(group, y, 250, null, "Предупреждение, с запятой; и {скобкой}");
        FiscalJobRepository.NewJob sameAsFirst = job(group, x, 999, null, null);

        boolean[] stored = transaction.execute(status -> jobs.insertAllIfAbsent(List.of(first, second, sameAsFirst)));
        assertThat(stored).containsExactly(true, true, false);
        boolean[] again = transaction.execute(status -> jobs.insertAllIfAbsent(
                List.of(job(group, y, 1, null, null), job(group, "batch-" + UUID.randomUUID(), 1, null, null))));
        assertThat(again).containsExactly(false, true);

        FiscalJob read = jobs.findByExternalId(group.id(), x).orElseThrow();
        assertThat(read.id()).isEqualTo(first.id());
        assertThat(read).usingRecursiveComparison().ignoringFields("paymentTime", "deadlineAt", "acceptedAt")
                .isEqualTo(first.asAccepted());
        assertThat(read.paymentTime()).isEqualTo(first.paymentTime());
        assertThat(read.acceptedAt()).isEqualTo(first.acceptedAt());
        assertThat(jobs.findByExternalId(group.id(), y).orElseThrow()).usingRecursiveComparison()
                .ignoringFields("paymentTime", "deadlineAt", "acceptedAt").isEqualTo(second.asAccepted());
        assertThat(jobs.requestJson(group.accountId(), first.id())).isEqualTo(first.requestJson());
    }

    @Test
    void theRequestIsKeptExactlyAsTheStoreSentIt() {
        RoutingGroup group = fleet.findGroupByCode("demo-shop-1").orElseThrow();
        String body = "{ \"timestamp\" : \"24.11.2026 12:00:00\",\n  \"external_id\": \"%s\", \"total\": 1.50 }";
        FiscalJobRepository.NewJob batched = job(group, "as-sent-" + UUID.randomUUID(), 150, null, null);
        batched = withRequest(batched, body.formatted(batched.externalId()));
        FiscalJobRepository.NewJob alone = job(group, "as-sent-" + UUID.randomUUID(), 150, null, null);
        alone = withRequest(alone, body.formatted(alone.externalId()));

        var inBatch = batched;
        transaction.execute(status -> jobs.insertAllIfAbsent(List.of(inBatch)));
        jobs.insertIfAbsent(alone);

        assertThat(jobs.requestJson(group.accountId(), batched.id())).isEqualTo(batched.requestJson());
        assertThat(jobs.requestJson(group.accountId(), alone.id())).isEqualTo(alone.requestJson());
    }

    private static FiscalJobRepository.NewJob withRequest(FiscalJobRepository.NewJob job, String request) {
        return new FiscalJobRepository.NewJob(job.id(), job.accountId(), job.groupId(), job.groupCode(),
                job.legalEntityId(), job.externalId(), job.operation(), job.apiVersion(), job.totalKopecks(),
                job.paymentTime(), job.deadlineAt(), job.callbackUrl(), job.warnings(), request, job.acceptedAt());
    }

    private static FiscalJobRepository.NewJob job(RoutingGroup group, String externalId, long kopecks, String callback,
            String warnings) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(3)).truncatedTo(ChronoUnit.MICROS);
        return new FiscalJobRepository.NewJob(UUID.randomUUID(), group.accountId(), group.id(), group.code(),
                group.legalEntityId(), externalId, "sell", "v5", kopecks, now.minusMinutes(1), now.plusMinutes(5),
                callback, warnings, "{\"external_id\": \"" + externalId + "\", \"note\": \"кавычка \\\" и \\\\\"}", now);
    }
}
