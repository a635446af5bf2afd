package ru.openkassa.server.receipts;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queues this node knows to be empty without asking the database. A claim that found no waiting
 * receipt of a group for a legal entity stays true until a "group has work" signal of that group
 * arrives, or {@link #TRUST} passes.
 *
 * <p>Why: a register asks for work when it starts a poll and after each result, and under a steady
 * load almost every such claim finds the queue empty (the receipts went at once to registers
 * already waiting): at 200 receipts/s with 100 registers, 1.6 empty claims per receipt, each a
 * transaction of three round trips. Every way a receipt becomes claimable (stored, requeued, its
 * lease returned) signals its group after the commit, on every node; a claim counts the group's
 * signals before it reads, so a receipt it could not see is one whose signal comes after.
 * {@link #TRUST} bounds what a signal that never came would cost (a claim rolled back after another
 * skipped its locked rows, a signal lost with the listener's connection before the gap is noticed).
 */
final class EmptyQueues {

    /** How long an empty claim is believed without a signal. */
    static final long TRUST = TimeUnit.SECONDS.toNanos(1);

    private record Key(long groupId, long legalEntityId) {
    }

    private record Empty(long signals, long atNanos) {
    }

    private final ConcurrentMap<Long, AtomicLong> signalsByGroup = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Empty> empty = new ConcurrentHashMap<>();

    /** A "group has work" signal arrived (from this node or another). */
    void signaled(long groupId) {
        signalsByGroup.computeIfAbsent(groupId, g -> new AtomicLong()).incrementAndGet();
    }

    /** Signals may have been missed (the listener's connection was lost): nothing is known any more. */
    void forgetAll() {
        empty.clear();
    }

    /** The signal counts of the register's groups, taken before a claim reads the queue. */
    long[] before(ClaimingRegister register) {
        long[] counts = new long[register.groupIds().size()];
        int i = 0;
        for (Long groupId : register.groupIds()) {
            counts[i++] = count(groupId);
        }
        return counts;
    }

    /** The claim that began with {@code counts} found nothing for the register. */
    void foundEmpty(ClaimingRegister register, long[] counts, long nowNanos) {
        if (empty.size() > 100_000) {
            empty.clear();
        }
        int i = 0;
        for (Long groupId : register.groupIds()) {
            empty.put(new Key(groupId, register.legalEntityId()), new Empty(counts[i++], nowNanos));
        }
    }

    /** True when every group of the register was found empty for its legal entity and none was signaled since. */
    boolean knownEmpty(ClaimingRegister register, long nowNanos) {
        for (Long groupId : register.groupIds()) {
            Empty known = empty.get(new Key(groupId, register.legalEntityId()));
            if (known == null || known.signals() != count(groupId) || nowNanos - known.atNanos() > TRUST) {
                return false;
            }
        }
        return true;
    }

    private long count(long groupId) {
        AtomicLong count = signalsByGroup.get(groupId);
        return count == null ? 0 : count.get();
    }
}
