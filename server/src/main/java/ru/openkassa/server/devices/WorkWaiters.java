package ru.openkassa.server.devices;

import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ru.openkassa.server.platform.signal.ClusterSignals;
import ru.openkassa.server.receipts.ReceiptService;

/**
 * The long-polls held on this node, by group. A "group has work" signal wakes one waiting
 * register of that group, not all of them: a new receipt needs one register, and waking a
 * hundred to race for it would cost a hundred queries. A register's own work (a diagnostic asked of
 * it) wakes that register's polls.
 */
@Component
class WorkWaiters {

    /** One long-poll; it may wait on several groups at once. */
    static final class Waiter {
        private final Semaphore wake = new Semaphore(0);
        private final AtomicBoolean signaled = new AtomicBoolean();
        private volatile boolean done;

        boolean await(long millis) throws InterruptedException {
            return wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
        }

        /** True when this waiter took the signal: it was waiting and had no signal yet. */
        private boolean offer() {
            if (done || !signaled.compareAndSet(false, true)) {
                return false;
            }
            wake.release();
            return true;
        }
    }

    private final Map<Long, Queue<Waiter>> byGroup = new ConcurrentHashMap<>();
    private final Map<Long, Queue<Waiter>> byRegister = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();

    WorkWaiters(ClusterSignals signals, MeterRegistry meters) {
        signals.subscribe(ReceiptService.WORK_SIGNAL, payload -> wakeOne(Long.parseLong(payload)));
        Gauge.builder("openkassa.devices.polls.held", held, AtomicInteger::get)
                .description("Long-polls of registers held open on this node")
                .register(meters);
    }

    /**
     * Registers a waiter before the caller looks at the queue, so that a receipt arriving between
     * the look and the wait is not missed: its signal is kept in the waiter's semaphore.
     */
    Waiter register(long registerPk, Collection<Long> groupIds) {
        Waiter waiter = new Waiter();
        held.incrementAndGet();
        byRegister.computeIfAbsent(registerPk, r -> new ConcurrentLinkedQueue<>()).add(waiter);
        for (Long groupId : groupIds) {
            byGroup.computeIfAbsent(groupId, g -> new ConcurrentLinkedQueue<>()).add(waiter);
        }
        return waiter;
    }

    void unregister(Waiter waiter, long registerPk, Collection<Long> groupIds) {
        waiter.done = true;
        held.decrementAndGet();
        byRegister.computeIfPresent(registerPk, (r, queue) -> {
            queue.remove(waiter);
            return queue.isEmpty() ? null : queue;
        });
        for (Long groupId : groupIds) {
            Queue<Waiter> queue = byGroup.get(groupId);
            if (queue != null) {
                queue.remove(waiter);
            }
        }
    }

    /** Wakes every poll of the register held on this node. */
    void wakeRegister(long registerPk) {
        Queue<Waiter> queue = byRegister.get(registerPk);
        if (queue != null) {
            queue.forEach(Waiter::offer);
        }
    }

    void wakeOne(long groupId) {
        Queue<Waiter> queue = byGroup.get(groupId);
        if (queue == null) {
            return;
        }
        // the woken waiter is moved to the end: the next receipt goes to another register
        for (int tries = queue.size(); tries > 0; tries--) {
            Waiter waiter = queue.poll();
            if (waiter == null) {
                return;
            }
            if (!waiter.done) {
                queue.add(waiter);
                if (waiter.offer()) {
                    return;
                }
            }
        }
    }

    int waiting() {
        return byGroup.values().stream().mapToInt(Queue::size).sum();
    }
}
