package ru.openkassa.emulator.register;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults a test or the chaos harness switches on and off while the register runs. Each switch
 * models what a real register in a shop does: runs out of paper, loses its OFD link, hangs.
 * Thread-safe; every change is seen by the register's next step.
 */
public final class RegisterSwitches {

    private volatile boolean noPaper;
    private volatile boolean ofdUnreachable;
    private volatile boolean fnExpired;
    private volatile boolean fnFull;
    private volatile boolean hangMidReceipt;
    private volatile Duration fiscalizationDelay = Duration.ZERO;
    private volatile boolean crashAfterFiscalize;
    private final Object hang = new Object();

    /** Receipts fail with driver error 44 «Нет бумаги»; the heartbeat says {@code paper: false}. */
    public RegisterSwitches noPaper(boolean on) {
        noPaper = on;
        return this;
    }

    /** The register cannot reach its OFD: documents stay unsent, the heartbeat says so. */
    public RegisterSwitches ofdUnreachable(boolean on) {
        ofdUnreachable = on;
        return this;
    }

    /** The drive answers as an expired one (driver error 120), whatever its date. */
    public RegisterSwitches fnExpired(boolean on) {
        fnExpired = on;
        return this;
    }

    /** The drive answers as a full one (driver error 121). */
    public RegisterSwitches fnFull(boolean on) {
        fnFull = on;
        return this;
    }

    /**
     * The register freezes in the middle of a receipt (after taking the task, before the drive
     * signs) until the switch is turned off: a frozen agent PC.
     */
    public RegisterSwitches hangMidReceipt(boolean on) {
        hangMidReceipt = on;
        if (!on) {
            synchronized (hang) {
                hang.notifyAll();
            }
        }
        return this;
    }

    /** Each receipt takes this long before the drive signs it: a slow printer. */
    public RegisterSwitches fiscalizationDelay(Duration delay) {
        fiscalizationDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        return this;
    }

    /**
     * The register dies right after the drive signed a receipt and before it recorded or
     * reported the outcome — the window exactly-once has to survive.
     */
    public RegisterSwitches crashAfterFiscalize(boolean on) {
        crashAfterFiscalize = on;
        return this;
    }

    public boolean noPaper() {
        return noPaper;
    }

    public boolean ofdUnreachable() {
        return ofdUnreachable;
    }

    public boolean fnExpired() {
        return fnExpired;
    }

    public boolean fnFull() {
        return fnFull;
    }

    public boolean hangMidReceipt() {
        return hangMidReceipt;
    }

    public Duration fiscalizationDelay() {
        return fiscalizationDelay;
    }

    public boolean crashAfterFiscalize() {
        return crashAfterFiscalize;
    }

    /** Blocks while the hang switch is on. */
    void awaitUnhung() throws InterruptedException {
        synchronized (hang) {
            while (hangMidReceipt) {
                hang.wait(1000);
            }
        }
    }

    /**
     * Sets switches by their JSON names ({@code no_paper}, {@code ofd_unreachable},
     * {@code fn_expired}, {@code fn_full}, {@code hang_mid_receipt}, {@code delay_ms},
     * {@code crash_after_fiscalize}); others are refused.
     */
    public RegisterSwitches apply(Map<String, ?> changes) {
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            Object value = change.getValue();
            switch (change.getKey()) {
                case "no_paper" -> noPaper(truth(change.getKey(), value));
                case "ofd_unreachable" -> ofdUnreachable(truth(change.getKey(), value));
                case "fn_expired" -> fnExpired(truth(change.getKey(), value));
                case "fn_full" -> fnFull(truth(change.getKey(), value));
                case "hang_mid_receipt" -> hangMidReceipt(truth(change.getKey(), value));
                case "crash_after_fiscalize" -> crashAfterFiscalize(truth(change.getKey(), value));
                case "delay_ms" -> {
                    if (!(value instanceof Number millis)) {
                        throw new IllegalArgumentException("delay_ms must be a number of milliseconds");
                    }
                    fiscalizationDelay(Duration.ofMillis(millis.longValue()));
                }
                default -> throw new IllegalArgumentException("unknown register switch: " + change.getKey());
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

    /** The switches by their JSON names. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("no_paper", noPaper);
        map.put("ofd_unreachable", ofdUnreachable);
        map.put("fn_expired", fnExpired);
        map.put("fn_full", fnFull);
        map.put("hang_mid_receipt", hangMidReceipt);
        map.put("delay_ms", fiscalizationDelay.toMillis());
        map.put("crash_after_fiscalize", crashAfterFiscalize);
        return map;
    }
}
