package ru.openkassa.server.receipts.callback;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;

/**
 * Sends the outbox's callbacks to the stores: POST of the report body, signed with HMAC-SHA256 of
 * the body under the group's secret, retried with exponential backoff for 24 hours.
 *
 * <p>A callback is first sent at once, by the node whose transaction stored it, right after the
 * commit: the store hears within milliseconds, and the outbox row is written twice (stored, then
 * its outcome) rather than three times (stored, taken by the poller, its outcome). Its row is out
 * of the poller's reach meanwhile; if the node dies before the outcome is written, the poller sends
 * it when that time is up.
 */
@Component
public class CallbackSender {

    static final String SIGNATURE_HEADER = "X-OpenKassa-Signature";
    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY = Duration.ofHours(1);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Duration IN_FLIGHT = Duration.ofMinutes(2);
    private static final int BATCH = 200;
    /** Callbacks sent at once and not answered yet, at most; beyond that the poller sends them. */
    private static final int AT_ONCE_LIMIT = 1000;

    private final CallbackOutbox outbox;
    private final FleetService fleet;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService atOnce = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore sendingAtOnce = new Semaphore(AT_ONCE_LIMIT);
    private final Queue<CallbackOutbox.Outcome> outcomes = new ConcurrentLinkedQueue<>();

    CallbackSender(CallbackOutbox outbox, FleetService fleet, TransactionTemplate transaction,
            Clock clock) {
        this.outbox = outbox;
        this.fleet = fleet;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Stores a callback to the store in the caller's transaction. After the commit this node sends
     * it at once; without a transaction, or with many callbacks unanswered already, the poller does.
     */
    public void enqueue(long accountId, long groupId, UUID jobId, String url, String body, OffsetDateTime now) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !sendingAtOnce.tryAcquire()) {
            outbox.enqueue(accountId, groupId, jobId, url, body, now, now);
            return;
        }
        long id;
        try {
            id = outbox.enqueue(accountId, groupId, jobId, url, body, now, now.plus(IN_FLIGHT));
        } catch (RuntimeException e) {
            sendingAtOnce.release();
            throw e;
        }
        CallbackOutbox.Callback callback = new CallbackOutbox.Callback(id, accountId, groupId, jobId, url, body, now, 0);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    sendingAtOnce.release();
                    return;
                }
                try {
                    atOnce.execute(() -> sendAtOnce(callback));
                } catch (RejectedExecutionException stopping) {
                    // the node is stopping: the poller of this or another node sends it later
                    sendingAtOnce.release();
                }
            }
        });
    }

    private void sendAtOnce(CallbackOutbox.Callback callback) {
        try {
            CallbackOutbox.Outcome outcome = send(callback);
            if (outcome != null) {
                outcomes.add(outcome);
            }
        } finally {
            sendingAtOnce.release();
        }
    }

    /**
     * Writes the outcomes of the callbacks sent at once, in batches: a commit per callback would
     * cost the database more than the poller's rounds it saves. Until written, the rows stay out of
     * the poller's reach, so the wait costs nothing but the outcome's visibility.
     */
    @Scheduled(fixedDelayString = "${openkassa.receipts.callback-outcomes-interval:200ms}")
    void recordOutcomes() {
        List<CallbackOutbox.Outcome> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            for (CallbackOutbox.Outcome outcome; batch.size() < BATCH && (outcome = outcomes.poll()) != null; ) {
                batch.add(outcome);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                transaction.executeWithoutResult(status -> outbox.record(batch));
            } catch (RuntimeException e) {
                // unrecorded, these callbacks become due again when their time out of reach is up
                log.warn("could not record the outcomes of {} callbacks sent at once: {}", batch.size(), e.toString());
                return;
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        atOnce.shutdown();
        if (!atOnce.awaitTermination(15, TimeUnit.SECONDS)) {
            atOnce.shutdownNow();
        }
        recordOutcomes();
    }

    @Scheduled(fixedDelayString = "${openkassa.receipts.callback-interval:1s}")
    void sendDue() {
        // a full batch means more are due: keep going rather than wait for the next tick
        List<CallbackOutbox.Callback> due;
        do {
            due = transaction.execute(status -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                List<CallbackOutbox.Callback> batch = outbox.due(now, BATCH);
                outbox.postpone(batch.stream().map(CallbackOutbox.Callback::id).toList(), now.plus(IN_FLIGHT));
                return batch;
            });
            if (due == null || due.isEmpty()) {
                return;
            }
            List<Future<CallbackOutbox.Outcome>> sent = new ArrayList<>();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                due.forEach(callback -> sent.add(senders.submit(() -> send(callback))));
            }
            // one transaction for the batch's outcomes rather than one per callback: a crash before
            // it only sends the batch again after IN_FLIGHT, as a crash during sending would
            List<CallbackOutbox.Outcome> outcomes = sent.stream().map(Future::resultNow).filter(o -> o != null).toList();
            transaction.executeWithoutResult(status -> outbox.record(outcomes));
            outcomes.stream().filter(CallbackOutbox.Outcome::gaveUp).forEach(o ->
                    log.warn("callback {} given up after 24 h: {}", o.id(), o.error()));
        } while (due.size() == BATCH);
    }

    /** One attempt; null when interrupted (the node is stopping: the callback is due again later). */
    private CallbackOutbox.Outcome send(CallbackOutbox.Callback callback) {
        Integer status = null;
        String error;
        try {
            String secret = fleet.findGroupCached(callback.accountId(), callback.groupId())
                    .map(RoutingGroup::callbackSecret)
                    .orElseThrow(() -> new IllegalStateException("job or group of callback " + callback.id() + " is gone"));
            HttpRequest request = HttpRequest.newBuilder(URI.create(callback.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(SIGNATURE_HEADER, "sha256=" + sign(secret, callback.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(callback.body(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                return new CallbackOutbox.Outcome(callback.id(), status, null, null, false, OffsetDateTime.now(clock));
            }
            error = "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime next = now.plus(backoff(callback.attempts() + 1));
        boolean giveUp = next.isAfter(callback.createdAt().plus(GIVE_UP_AFTER));
        return new CallbackOutbox.Outcome(callback.id(), status, error, next, giveUp, now);
    }

    /** 10 s, 20 s, 40 s … capped at one hour. */
    static Duration backoff(int attempt) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(attempt - 1, 20);
        return seconds > MAX_RETRY.toSeconds() ? MAX_RETRY : Duration.ofSeconds(seconds);
    }

    /** Hex HMAC-SHA256 of the body: how a store checks that a callback came from us. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
