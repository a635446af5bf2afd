package ru.openkassa.server.receipts;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the queue moving without ever guessing a fiscal outcome:
 * <ul>
 * <li>a receipt still waiting for a register after its deadline fails with ATOL's queue timeout;</li>
 * <li>a receipt leased to a register that did not ack it in time goes back to the queue.</li>
 * </ul>
 * An acked receipt is never touched: only its register's answer (or a person) decides its fate,
 * because the janitor cannot know whether the register printed it. Safe on several nodes at once:
 * rows are locked with SKIP LOCKED and every update re-checks the state.
 */
@Component
class QueueJanitor {

    private static final Logger log = LoggerFactory.getLogger(QueueJanitor.class);
    private static final int BATCH = 500;

    private final ReceiptService receipts;
    private final MeterRegistry meters;

    QueueJanitor(ReceiptService receipts, MeterRegistry meters) {
        this.receipts = receipts;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${openkassa.receipts.janitor-interval:5s}")
    void failExpired() {
        int total = 0;
        List<UUID> failed;
        do {
            failed = receipts.failExpired(BATCH);
            total += failed.size();
        } while (failed.size() == BATCH);
        if (total > 0) {
            meters.counter("openkassa.receipts.timeouts").increment(total);
            log.warn("{} receipts failed: waited for a register past their deadline", total);
        }
    }

    @Scheduled(fixedDelayString = "${openkassa.receipts.lease-check-interval:1s}")
    void returnExpiredLeases() {
        int returned = receipts.returnExpiredLeases();
        if (returned > 0) {
            meters.counter("openkassa.receipts.lease.expired").increment(returned);
            log.info("{} receipts back in the queue: their registers did not ack them in time", returned);
        }
    }
}
