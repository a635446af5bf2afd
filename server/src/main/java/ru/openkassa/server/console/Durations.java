package ru.openkassa.server.console;

import java.time.Duration;

/** Ages as people read them on the pages: "3 h 05 min", "2 d 4 h". */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration age) {
        if (age == null) {
            return "?";
        }
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
        }
        return minutes / (24 * 60) + " d " + minutes / 60 % 24 + " h";
    }
}
