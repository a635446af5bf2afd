package ru.openkassa.server.devices;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ru.openkassa.server.platform.error.ServiceBusyException;

/**
 * A bound on the device calls doing database work on this node at once. A fleet that comes back
 * together (after a node restart or a network cut) sends thousands of hellos and polls in the
 * same second; queued for a database connection they would time out on the register's side, be
 * sent again and pile up in memory until the node falls over. Beyond the bound a call waits a
 * moment and is then answered 503 with a spread {@code Retry-After}, so the storm drains at the
 * pace the database allows. A held long-poll waits outside the bound: only its first queries are
 * in it, not the claim after a receipt woke it.
 */
@Component
class DeviceAdmission {

    private final Semaphore permits;
    private final int concurrency;
    private final long waitNanos;
    private final int retryAfterMinSeconds;
    private final int retryAfterMaxSeconds;
    private final Counter turnedAway;

    DeviceAdmission(@Value("${openkassa.devices.admission.concurrency:40}") int concurrency,
            @Value("${openkassa.devices.admission.wait:2s}") Duration wait,
            @Value("${openkassa.devices.admission.retry-after-min-seconds:2}") int retryAfterMinSeconds,
            @Value("${openkassa.devices.admission.retry-after-max-seconds:10}") int retryAfterMaxSeconds,
            MeterRegistry meters) {
        if (concurrency < 1 || retryAfterMinSeconds < 1 || retryAfterMaxSeconds < retryAfterMinSeconds) {
            throw new IllegalArgumentException("openkassa.devices.admission: concurrency ≥ 1 and"
                    + " 1 ≤ retry-after-min-seconds ≤ retry-after-max-seconds are required");
        }
        this.permits = new Semaphore(concurrency, true);
        this.concurrency = concurrency;
        this.waitNanos = wait.toNanos();
        this.retryAfterMinSeconds = retryAfterMinSeconds;
        this.retryAfterMaxSeconds = retryAfterMaxSeconds;
        this.turnedAway = Counter.builder("openkassa.devices.turned.away")
                .description("Device calls answered 503 because the node had too many in progress")
                .register(meters);
        Gauge.builder("openkassa.devices.calls.in.progress", permits, p -> concurrency - p.availablePermits())
                .description("Device calls doing database work on this node")
                .register(meters);
    }

    int concurrency() {
        return concurrency;
    }

    /** A place among the calls in progress, or 503 when none frees up within the wait. */
    Permit enter() throws InterruptedException {
        if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
            turnedAway.increment();
            int seconds = ThreadLocalRandom.current().nextInt(retryAfterMinSeconds, retryAfterMaxSeconds + 1);
            throw new ServiceBusyException(Duration.ofSeconds(seconds));
        }
        return new Permit();
    }

    /** Released once, however often it is closed. */
    final class Permit implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }
}
