package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A register's "last contact" from its polls, written for every register that polled once a
 * second in one transaction. In a large fleet every register's poll ends every 25 s or so (10 000
 * registers: 400 polls a second), and a write and a commit of its own per poll would be most of
 * what the node asks of the database between receipts. A second late is nothing for "online"; a
 * crash loses at most that second's contacts, which the next polls write again.
 */
@Component
class PollTouches {

    private static final Logger log = LoggerFactory.getLogger(PollTouches.class);

    record Touch(long accountId, OffsetDateTime at) {
    }

    private final Map<Long, Touch> pending = new ConcurrentHashMap<>();
    private final RegisterStates states;
    private final Clock clock;

    PollTouches(RegisterStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    void touch(DeviceSession session) {
        pending.put(session.registerPk(), new Touch(session.accountId(), OffsetDateTime.now(clock)));
    }

    @Scheduled(fixedDelayString = "${openkassa.devices.poll-touch-interval:1s}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // in register order, so that two nodes writing the same registers never wait for each other in a circle
        Map<Long, Touch> batch = new TreeMap<>();
        for (Long registerPk : pending.keySet()) {
            Touch touch = pending.remove(registerPk);
            if (touch != null) {
                batch.put(registerPk, touch);
            }
        }
        try {
            states.touchPolls(batch);
        } catch (RuntimeException e) {
            // put back what is not newer already; the next flush tries again
            batch.forEach((registerPk, touch) -> pending.putIfAbsent(registerPk, touch));
            log.warn("last contact of {} registers not written, trying again: {}", batch.size(), e.toString());
        }
    }

    @PreDestroy
    void flushOnStop() {
        flush();
    }
}
