package ru.openkassa.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-loop load: request {@code i} is due at {@code start + i / rate}, and is sent then on its own
 * virtual thread whatever the earlier requests are doing, so a slow server meets the same arrival
 * rate as a fast one (no coordinated omission: wrk and its kin send the next request only after an
 * answer). The warm-up's requests come first, at their own rate (by default the same), and are
 * marked {@code warmup}; the measured requests follow without a gap.
 *
 * <p>Prints {@code LOAD measured_start <epoch µs>} when the first measured request is due (a
 * profiler can wait for that line) and {@code LOAD key value} lines with the totals at the end.
 */
final class LoadGenerator {

    /**
     * {@code callbackUrl} null: the receipts ask for no callback. {@code retryFor} zero: every request is
     * sent once; otherwise a request without an answer or with a 5xx is sent again with the same
     * external_id (backing off from 250 ms to 4 s) until that long after its first send.
     */
    record Options(URI url, String token, double rate, double warmupRate, int warmupSeconds, int durationSeconds,
            String tag, Path out, String callbackUrl, Duration timeout, Duration retryFor) {
    }

    /** ATOL's "a receipt with this external_id exists": the answer names the stored receipt's uuid. */
    static final int EXTERNAL_ID_EXISTS = 33;
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(4);

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter ATOL_TIME = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final HttpClient http;
    /** The wall clock at {@link #anchorNanos}: every time recorded is this plus a monotonic difference. */
    private final long anchorEpochUs;
    private final long anchorNanos;
    private final AtomicInteger retried = new AtomicInteger();

    LoadGenerator(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        Instant now = Instant.now();
        this.anchorNanos = System.nanoTime();
        this.anchorEpochUs = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** How many requests a phase of {@code seconds} at {@code rate} per second sends. */
    static long count(double rate, int seconds) {
        return Math.round(rate * seconds);
    }

    /** When request {@code i} is due, in nanoseconds after the start. */
    static long dueOffsetNanos(long i, double rate) {
        return Math.round(i * 1e9 / rate);
    }

    /**
     * When request {@code i} of the whole run is due, in nanoseconds after the start: the first
     * {@code warmup} at {@code warmupRate}, the rest at {@code rate} from where the warm-up ended.
     */
    static long dueOffsetNanos(long i, long warmup, double warmupRate, double rate) {
        if (i < warmup) {
            return dueOffsetNanos(i, warmupRate);
        }
        return dueOffsetNanos(warmup, warmupRate) + dueOffsetNanos(i - warmup, rate);
    }

    /**
     * The body of one sell: ~1.1 KB, three items, sums consistent, like bench/intake.sh's, except
     * that every text is representable in CP866, the FN's code page: the intake's «Сенча» is not,
     * the server accepts it all the same, and a virtual register that gets it stops dead.
     */
    static String body(String externalId, String moscowTimestamp, String callbackUrl) {
        return "{\"external_id\": \"" + externalId + "\", \"timestamp\": \"" + moscowTimestamp + "\", "
                + (callbackUrl == null ? "" : "\"service\": {\"callback_url\": \"" + callbackUrl + "\"}, ")
                + "\"receipt\": {\"client\": {\"email\": \"buyer@example.ru\", \"phone\": \"+79001234567\"}, "
                + "\"company\": {\"email\": \"chek@shop.example.ru\", \"sno\": \"usn_income\", \"inn\": \"5544332219\", "
                + "\"payment_address\": \"https://shop.example.ru\"}, "
                + "\"items\": ["
                + "{\"name\": \"Чай зелёный байховый \\\"Сенча\\\", 100 г\", \"price\": 150.00, \"quantity\": 2, \"measure\": 0, "
                + "\"sum\": 300.00, \"payment_method\": \"full_payment\", \"payment_object\": 1, \"vat\": {\"type\": \"none\"}}, "
                + "{\"name\": \"Печенье овсяное с изюмом, 300 г\", \"price\": 89.90, \"quantity\": 3, \"measure\": 0, "
                + "\"sum\": 269.70, \"payment_method\": \"full_payment\", \"payment_object\": 1, \"vat\": {\"type\": \"none\"}}, "
                + "{\"name\": \"Чайник заварочный стеклянный, 0,8 л\", \"price\": 1249.00, \"quantity\": 1, \"measure\": 0, "
                + "\"sum\": 1249.00, \"payment_method\": \"full_payment\", \"payment_object\": 1, \"vat\": {\"type\": \"none\"}}], "
                + "\"payments\": [{\"type\": 1, \"sum\": 1818.70}], \"total\": 1818.70}}";
    }

    int run(PrintStream out) throws IOException, InterruptedException {
        long warmup = count(options.warmupRate(), options.warmupSeconds());
        long measured = count(options.rate(), options.durationSeconds());
        int total = Math.toIntExact(warmup + measured);
        AtomicReferenceArray<Sample> samples = new AtomicReferenceArray<>(total);
        AtomicInteger inFlight = new AtomicInteger();
        int maxInFlight = 0;
        long maxLagNanos = 0;
        out.printf("LOAD plan %d warm-up requests at %.1f/s + %d measured at %.1f/s%n", warmup, options.warmupRate(),
                measured, options.rate());
        out.flush();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        // a short pause first, so that the schedule does not start behind
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measuredStart = start;
        for (int i = 0; i < total; i++) {
            long due = start + dueOffsetNanos(i, warmup, options.warmupRate(), options.rate());
            if (i == warmup) {
                measuredStart = due;
                out.println("LOAD measured_start " + epochUs(due));
                out.flush();
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            maxLagNanos = Math.max(maxLagNanos, now - due);
            maxInFlight = Math.max(maxInFlight, inFlight.incrementAndGet());
            int index = i;
            String phase = i < warmup ? "warmup" : "measured";
            String externalId = "chain-" + options.tag() + "-" + (i < warmup ? "w" : "m") + i;
            senders.execute(() -> {
                try {
                    samples.set(index, send(phase, index, externalId, due));
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        long scheduleEnd = System.nanoTime();
        senders.shutdown();
        boolean finished = senders.awaitTermination(
                options.timeout().toSeconds() + options.retryFor().toSeconds() + 10, TimeUnit.SECONDS);
        List<Sample> all = new ArrayList<>(total);
        int accepted = 0;
        int refused = 0;
        int unanswered = 0;
        for (int i = 0; i < total; i++) {
            Sample sample = samples.get(i);
            if (sample == null) { // still waiting after the timeout: recorded as unanswered
                long due = start + dueOffsetNanos(i, warmup, options.warmupRate(), options.rate());
                sample = new Sample(i < warmup ? "warmup" : "measured", i,
                        "chain-" + options.tag() + "-" + (i < warmup ? "w" : "m") + i, epochUs(due), epochUs(due), 0, 0,
                        "", "", "no answer when the load generator stopped");
            }
            if (sample.accepted()) {
                accepted++;
            } else if (sample.status() == 0) {
                unanswered++;
            } else {
                refused++;
            }
            all.add(sample);
        }
        Sample.write(options.out(), all);
        http.close();
        double seconds = (scheduleEnd - measuredStart) / 1e9;
        out.printf("LOAD sent %d%nLOAD accepted %d%nLOAD refused %d%nLOAD unanswered %d%n", total, accepted, refused,
                unanswered);
        out.printf("LOAD retried %d%n", retried.get());
        // the measured phase's: its requests after the first over the time to the last one's send
        out.printf("LOAD offered_rate %.1f%nLOAD max_lag_ms %.2f%nLOAD max_in_flight %d%nLOAD all_answered %s%n",
                (measured - 1) / Math.max(seconds, 1e-9), maxLagNanos / 1e6, maxInFlight, finished);
        out.flush();
        return 0;
    }

    /**
     * Sends one receipt, and again while its outcome is unknown (no answer, a 5xx) and the retry window
     * lasts. Safe because the server keeps one receipt per external_id: a retry of a request that was
     * stored after all is answered with error 33 and the stored receipt's uuid, which counts as
     * accepted (status {@code exists}). A 4xx is final. The sample keeps the first send's time.
     */
    private Sample send(String phase, long seq, String externalId, long dueNanos) {
        long firstSent = System.nanoTime();
        long giveUp = firstSent + options.retryFor().toNanos();
        long pause = FIRST_PAUSE_NANOS;
        String firstError = null;
        for (int attempt = 1; ; attempt++) {
            Sample sample = sendOnce(phase, seq, externalId, dueNanos, attempt > 1);
            boolean unknown = sample.status() == 0 || sample.status() / 100 == 5;
            if (!unknown || System.nanoTime() + pause >= giveUp || Thread.currentThread().isInterrupted()) {
                if (attempt == 1) {
                    return sample;
                }
                retried.incrementAndGet();
                return new Sample(phase, seq, externalId, sample.dueUs(), epochUs(firstSent), sample.answeredUs(),
                        sample.status(), sample.uuid(), sample.atolStatus(), "after " + attempt + " attempts"
                                + (sample.error().isEmpty() ? "" : ": " + sample.error()) + "; first: " + firstError);
            }
            if (firstError == null) {
                firstError = sample.status() == 0 ? sample.error() : "HTTP " + sample.status();
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private Sample sendOnce(String phase, long seq, String externalId, long dueNanos, boolean retry) {
        String timestamp = LocalDateTime.now(MOSCOW).format(ATOL_TIME);
        HttpRequest request = HttpRequest.newBuilder(options.url())
                .timeout(options.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Token", options.token())
                .POST(HttpRequest.BodyPublishers.ofString(body(externalId, timestamp, options.callbackUrl()),
                        StandardCharsets.UTF_8))
                .build();
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long answered = System.nanoTime();
            String uuid = "";
            String atolStatus = "";
            String error = "";
            try {
                JsonNode answer = JSON.readTree(response.body());
                uuid = answer.path("uuid").asString("");
                atolStatus = answer.path("status").asString("");
                if (!answer.path("error").isNull() && !answer.path("error").isMissingNode()) {
                    error = answer.path("error").toString();
                }
            } catch (JacksonException e) {
                error = "not JSON: " + new String(response.body(), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            // only "wait" with a uuid is an accepted receipt
            if (status / 100 == 2 && !"wait".equals(atolStatus)) {
                error = "status " + atolStatus + " " + error;
                uuid = "";
            }
            // a retry finds what an earlier attempt stored (its answer lost with a killed server)
            boolean storedEarlier = retry && status / 100 == 4 && !uuid.isEmpty()
                    && errorCode(response.body()) == EXTERNAL_ID_EXISTS;
            if (storedEarlier) {
                atolStatus = Sample.STORED_EARLIER;
            }
            return new Sample(phase, seq, externalId, epochUs(dueNanos), epochUs(sent), epochUs(answered), status,
                    status / 100 == 2 || storedEarlier ? uuid : "", atolStatus, error);
        } catch (IOException e) {
            return new Sample(phase, seq, externalId, epochUs(dueNanos), epochUs(sent), 0, 0, "", "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(phase, seq, externalId, epochUs(dueNanos), epochUs(sent), 0, 0, "", "", "interrupted");
        }
    }

    private static int errorCode(byte[] body) {
        try {
            return JSON.readTree(body).path("error").path("code").asInt(-1);
        } catch (JacksonException e) {
            return -1;
        }
    }

    private long epochUs(long nanos) {
        return anchorEpochUs + (nanos - anchorNanos) / 1_000;
    }
}
