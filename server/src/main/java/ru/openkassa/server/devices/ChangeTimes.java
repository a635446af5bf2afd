package ru.openkassa.server.devices;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each register last changed, on this node's clock ({@link System#nanoTime()}). A cache that
 * read a register from the database must not keep what it read if a change was signalled after the
 * read began: the read may have seen the state before the change.
 */
final class ChangeTimes {

    private final Map<Long, Long> changedAt = new ConcurrentHashMap<>();

    void changed(long registerPk) {
        changedAt.put(registerPk, System.nanoTime());
    }

    /** Whether the register changed at or after {@code nanos} (a {@link System#nanoTime()} value). */
    boolean changedSince(long registerPk, long nanos) {
        Long changed = changedAt.get(registerPk);
        return changed != null && changed - nanos >= 0;
    }
}
