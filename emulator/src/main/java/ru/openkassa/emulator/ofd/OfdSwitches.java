package ru.openkassa.emulator.ofd;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults of the OFD, switchable at run time through the Java API or {@code POST /api/v1/switches}.
 * Thread-safe.
 */
public final class OfdSwitches {

    private final Runnable onDownChange;
    private volatile boolean down;
    private volatile Duration slow = Duration.ZERO;
    private volatile boolean reject;

    OfdSwitches(Runnable onDownChange) {
        this.onDownChange = onDownChange;
    }

    /** Down: connections are refused and open ones cut, as when the OFD's site is unreachable. */
    public OfdSwitches down(boolean on) {
        boolean changed = down != on;
        down = on;
        if (changed) {
            onDownChange.run();
        }
        return this;
    }

    /** Every answer waits this long first. */
    public OfdSwitches slow(Duration delay) {
        slow = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        return this;
    }

    /** Every document is answered with code 14 (failed format-logical control) and not kept. */
    public OfdSwitches reject(boolean on) {
        reject = on;
        return this;
    }

    public boolean down() {
        return down;
    }

    public Duration slow() {
        return slow;
    }

    public boolean reject() {
        return reject;
    }

    /** Sets switches by their JSON names: {@code down}, {@code slow_ms}, {@code reject}. */
    public OfdSwitches apply(Map<String, ?> changes) {
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            Object value = change.getValue();
            switch (change.getKey()) {
                case "down" -> down(truth("down", value));
                case "reject" -> reject(truth("reject", value));
                case "slow_ms" -> {
                    if (!(value instanceof Number millis)) {
                        throw new IllegalArgumentException("slow_ms must be a number of milliseconds");
                    }
                    slow(Duration.ofMillis(millis.longValue()));
                }
                default -> throw new IllegalArgumentException("unknown OFD switch: " + change.getKey());
            }
        }
        return this;
    }

    private static boolean truth(String name, Object value) {
        if (!(value instanceof Boolean on)) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return on;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("down", down);
        map.put("slow_ms", slow.toMillis());
        map.put("reject", reject);
        return map;
    }
}
