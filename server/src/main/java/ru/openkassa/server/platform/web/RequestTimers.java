package ru.openkassa.server.platform.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;

/**
 * The {@code http.server.requests} timer, with the tags Spring MVC gives it, for requests answered
 * in front of the servlet stack ({@link FrontHandlers}): dashboards see them as before.
 */
public final class RequestTimers {

    private record Key(String method, String uri, int status) {
    }

    private final MeterRegistry meters;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public RequestTimers(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String method, String uriTemplate, int status, long startedNanos) {
        timers.computeIfAbsent(new Key(method, uriTemplate, status), key -> Timer.builder("http.server.requests")
                        .tag("error", "none")
                        .tag("exception", "none")
                        .tag("method", key.method())
                        .tag("outcome", Outcome.forStatus(key.status()).name())
                        .tag("status", Integer.toString(key.status()))
                        .tag("uri", key.uri())
                        .register(meters))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
