package ru.openkassa.server.devices;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
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

    /**
     * The waiters of one group in the order they will be woken. A set in insertion order under a
     * lock: a big fleet's group holds thousands of waiters, one leaves at the end of every poll and
     * a receipt wakes one, so leaving and waking must not walk the whole line (a lock-free queue's
     * remove and size do).
     */
    static final class GroupLine {
        private final LinkedHashSet<Waiter> waiters = new LinkedHashSet<>();

        synchronized void add(Waiter waiter) {
            waiters.add(waiter);
        }

        synchronized void remove(Waiter waiter) {
            waiters.remove(waiter);
        }

        synchronized int size() {
            return waiters.size();
        }

        /** The first waiter that takes the signal goes to the end: the next receipt goes to another register. */
        synchronized void wakeOne() {
            Iterator<Waiter> line = waiters.iterator();
            while (line.hasNext()) {
                Waiter waiter = line.next();
                if (waiter.done) {
                    line.remove();
                } else if (waiter.offer()) {
                    line.remove();
                    waiters.add(waiter);
                    return;
                }
            }
        }
    }

    private final Map<Long, GroupLine> byGroup = new ConcurrentHashMap<>();
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
            byGroup.computeIfAbsent(groupId, g -> new GroupLine()).add(waiter);
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
            GroupLine line = byGroup.get(groupId);
            if (line != null) {
                line.remove(waiter);
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
        GroupLine line = byGroup.get(groupId);
        if (line != null) {
            line.wakeOne();
        }
    }

    int waiting() {
        return byGroup.values().stream().mapToInt(GroupLine::size).sum();
    }
}
