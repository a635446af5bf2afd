package ru.openkassa.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP baseline of a run: GETs of a trivial endpoint (e.g. the server's {@code /actuator/info},
 * no database behind it) at a constant rate, open loop like the load, each round trip timed. Run
 * beside the load, it shows what any request to the same node costs at that moment, so that a
 * latency of the run can be read as a multiple of it.
 */
final class RoundTrips {

    record Options(URI url, double rate, int warmupSeconds, int durationSeconds, Path out) {
    }

    private RoundTrips() {
    }

    /** Writes one round trip in microseconds a line; prints "PING key value" lines. */
    static int run(Options options, PrintStream report) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        HttpRequest request = HttpRequest.newBuilder(options.url()).timeout(Duration.ofSeconds(10)).GET().build();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        // the warm-up's round trips are sent but not kept: they time this JVM's first connections and JIT
        long warmup = LoadGenerator.count(options.rate(), options.warmupSeconds());
        long count = warmup + LoadGenerator.count(options.rate(), options.durationSeconds());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (long i = 0; i < count; i++) {
            long due = start + LoadGenerator.dueOffsetNanos(i, options.rate());
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            long sent = System.nanoTime();
            boolean kept = i >= warmup;
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                // a failure or another status is an error: left out of the file, counted below
                if (kept && failure == null && response.statusCode() == 200) {
                    micros.add((System.nanoTime() - sent) / 1000);
                }
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the unanswered ones count as errors
        }
        Latencies latencies = new Latencies();
        StringBuilder lines = new StringBuilder();
        for (long value : micros) {
            latencies.add(value);
            lines.append(value).append('\n');
        }
        Files.writeString(options.out(), lines);
        report.println("PING count " + latencies.size());
        report.println("PING errors " + (count - warmup - latencies.size()));
        report.println("PING p50 " + Latencies.ms(latencies.percentile(50)));
        report.println("PING p90 " + Latencies.ms(latencies.percentile(90)));
        report.println("PING p99 " + Latencies.ms(latencies.percentile(99)));
        report.println("PING max " + Latencies.ms(latencies.max()));
        return 0;
    }
}
