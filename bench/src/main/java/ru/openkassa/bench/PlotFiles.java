package ru.openkassa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code plot}: the report plots of the scripts that measure without the Java tools (fleet.sh,
 * queue.sh), drawn from plain text files by {@link LatencyPlots}.
 */
final class PlotFiles {

    private PlotFiles() {
    }

    /** {@code cdf|rate --out FILE --title TEXT [--y-title TEXT] NAME=FILE...}. */
    static int run(List<String> args) throws IOException {
        if (args.isEmpty() || !List.of("cdf", "rate").contains(args.get(0))) {
            throw new ChainBench.UsageException("plot needs a kind: cdf or rate");
        }
        Map<String, String> options = new HashMap<>();
        Map<String, Path> series = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (i + 1 == args.size()) {
                    throw new ChainBench.UsageException("option " + arg + " needs a value");
                }
                options.put(arg.substring(2), args.get(++i));
            } else if (arg.indexOf('=') > 0) {
                series.put(arg.substring(0, arg.indexOf('=')), Path.of(arg.substring(arg.indexOf('=') + 1)));
            } else {
                throw new ChainBench.UsageException("a series is NAME=FILE, not '" + arg + "'");
            }
        }
        Path out = Path.of(require(options, "out"));
        String title = require(options, "title");
        if (args.get(0).equals("cdf")) {
            Map<String, Latencies> latencies = new LinkedHashMap<>();
            for (Map.Entry<String, Path> entry : series.entrySet()) {
                latencies.put(entry.getKey(), latencies(entry.getValue()));
            }
            LatencyPlots.cdf(out, latencies, title);
        } else {
            Map<String, List<double[]>> points = new LinkedHashMap<>();
            for (Map.Entry<String, Path> entry : series.entrySet()) {
                points.put(entry.getKey(), points(entry.getValue()));
            }
            LatencyPlots.rate(out, points, title, options.getOrDefault("y-title", "per second"));
        }
        return 0;
    }

    /** One latency in microseconds a line; blank lines are skipped. */
    static Latencies latencies(Path file) throws IOException {
        Latencies latencies = new Latencies();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                latencies.add(Math.round(Double.parseDouble(line.trim())));
            }
        }
        return latencies;
    }

    /** "x y" a line (seconds, value). */
    static List<double[]> points(Path file) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2) {
                points.add(new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])});
            }
        }
        return points;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new ChainBench.UsageException("plot: --" + name + " is required");
        }
        return value;
    }
}
