package ru.openkassa.server.console;

/**
 * A bar chart of counts per minute drawn as one SVG path, in a viewBox as wide as the number of
 * minutes and {@link #HEIGHT} high: the page scales it to its width, no script needed.
 */
public record MinuteChart(String path, long max, long total, int minutes) {

    public static final int HEIGHT = 100;

    /** The SVG viewBox: a unit per minute across, {@link #HEIGHT} up. */
    public String viewBox() {
        return "0 0 " + minutes + " " + HEIGHT;
    }

    static MinuteChart of(long[] counts) {
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        return of(counts, max);
    }

    /** Drawn to the scale of another chart's {@code max}, to lay a part over its whole. */
    static MinuteChart of(long[] counts, long max) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                long h = Math.max(1, Math.round((double) counts[i] * HEIGHT / max));
                path.append('M').append(i).append(',').append(HEIGHT).append('v').append(-h).append("h1v").append(h).append('z');
            }
        }
        return new MinuteChart(path.toString(), max, total, counts.length);
    }
}
