package ru.openkassa.server.receipts;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Fails jobs that waited for a register past their deadline (ATOL's queue timeout). It touches
 * only jobs no register has taken: once a register holds a job, only that register's answer
 * decides its fate. Safe on several nodes at once: each update re-checks the state.
 */
@Component
class DeadlineJanitor {

    private static final Logger log = LoggerFactory.getLogger(DeadlineJanitor.class);
    private static final int BATCH = 1000;

    private final FiscalJobRepository jobs;
    private final MeterRegistry meters;
    private final Clock clock;

    DeadlineJanitor(FiscalJobRepository jobs, MeterRegistry meters, Clock clock) {
        this.jobs = jobs;
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${openkassa.receipts.janitor-interval:5s}")
    void failExpired() {
        int total = 0;
        int failed;
        do {
            failed = jobs.failExpired(OffsetDateTime.now(clock), JobError.QUEUE_TIMEOUT, BATCH);
            total += failed;
        } while (failed == BATCH);
        if (total > 0) {
            meters.counter("openkassa.receipts.timeouts").increment(total);
            log.warn("{} receipts failed: waited for a register past their deadline", total);
        }
    }
}
