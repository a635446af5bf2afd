package ru.openkassa.bench;

import java.util.Arrays;
import java.util.Locale;

/** A set of latencies in microseconds and its nearest-rank percentiles. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;
    private boolean sorted = true;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
        sorted = false;
    }

    int size() {
        return size;
    }

    /** The values in ascending order (a copy). */
    long[] sortedValues() {
        sort();
        return Arrays.copyOf(values, size);
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} % of the values at or
     * below it ({@code p} in (0, 100]); -1 for an empty set.
     */
    long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.min(size, Math.max(1, rank)) - 1];
    }

    long max() {
        return percentile(100);
    }

    /** Milliseconds for a report: 3 significant digits or so; "–" for no value. */
    static String ms(long micros) {
        if (micros < 0) {
            return "–";
        }
        double ms = micros / 1000.0;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
