package ru.openkassa.emulator.register;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry pacing after a network error: doubling from half a second to 30 seconds, with jitter so
 * that a fleet cut off together does not come back in one wave.
 */
final class Backoff {

    private static final long FIRST_MILLIS = 500;
    private static final long MAX_MILLIS = 30_000;

    private long next = FIRST_MILLIS;

    Duration next() {
        long base = next;
        next = Math.min(MAX_MILLIS, next * 2);
        long jitter = ThreadLocalRandom.current().nextLong(base / 5 + 1);
        return Duration.ofMillis(base - base / 10 + jitter);
    }

    void sleep() throws InterruptedException {
        Thread.sleep(next());
    }

    /**
     * A busy server's {@code Retry-After} when it gave one, spread by up to half again so that the
     * registers it turned away together do not return together; the doubling pace otherwise.
     */
    void sleep(Optional<Duration> serverAsked) throws InterruptedException {
        if (serverAsked.isEmpty()) {
            sleep();
            return;
        }
        long millis = serverAsked.get().toMillis();
        Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    void reset() {
        next = FIRST_MILLIS;
    }
}
