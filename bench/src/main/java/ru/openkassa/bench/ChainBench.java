package ru.openkassa.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java half of the bench scripts ({@code bench/chain.sh}, {@code chaos.sh}, {@code fleet.sh}, {@code queue.sh}):
 * <ul>
 *   <li>{@code load}: an open-loop ATOL sell load at a constant rate (see {@link LoadGenerator});</li>
 *   <li>{@code audit}: the verdict of a chaos run (see {@link ChaosAudit});</li>
 *   <li>{@code sink}: the store's callback endpoint (see {@link CallbackSink});</li>
 *   <li>{@code ping}: the HTTP baseline, round trips of a trivial endpoint (see {@link RoundTrips});</li>
 *   <li>{@code plot}: a report's plots from text files (see {@link PlotFiles});</li>
 *   <li>{@code analyze}: the run's numbers from the server's database, the OFD emulator and the
 *       load generator's CSV (see {@link ChainAnalysis}).</li>
 * </ul>
 * Exit code 2 for bad usage, 1 for a failure.
 */
public final class ChainBench {

    static final String USAGE = """
            OpenKassa benchmark tools (run by the scripts in bench/)

              java -jar openkassa-bench.jar load --url URL --rate R --duration S [--warmup S]
                    [--warmup-rate R] --tag TAG --out FILE.csv [--callback-url URL] [--timeout-seconds N]
                    [--retry-seconds N]
                  POSTs ATOL v5 sell receipts to URL at a constant rate (open loop: request i is sent at
                  start + i/R whatever the earlier ones are doing), each with its own external_id
                  chain-TAG-<w|m><n>; the ATOL token comes from the environment variable CHAIN_TOKEN.
                  Writes one CSV line per request: phase, times, HTTP status, uuid. With --callback-url
                  each receipt asks for its callbacks there (service.callback_url). With --retry-seconds
                  a request without an answer or with a 5xx is sent again, same external_id, for up to
                  N s; a retry answered "external_id exists" (error 33) with a uuid counts as accepted.

              java -jar openkassa-bench.jar audit --db-url JDBC_URL [--db-user U] --csv FILE.csv
                    --ofd-url URL --tag TAG --registers-dir DIR --out FILE [--settle-seconds N]
                    [--duration S]
                  The chaos auditor: waits up to N s (default 300) until every receipt of the run is
                  delivered or failed, then compares the load generator's acknowledgements, fiscal_job
                  and the registers' journals with the OFD's documents; prints accepted, fiscalized,
                  delivered, lost and duplicated, writes 'key value' lines to FILE and exits 1 unless
                  nothing is lost or duplicated and everything accepted is fiscalized and delivered.

              java -jar openkassa-bench.jar sink --port N
                  A callback endpoint that answers every POST with 204 until stopped (SIGTERM).

              java -jar openkassa-bench.jar ping --url URL --rate R [--warmup S] --duration S --out FILE
                  GETs URL (a trivial endpoint: the HTTP baseline) at a constant rate, open loop; writes
                  each round trip after the warm-up in microseconds to FILE, one a line, and prints
                  their percentiles.

              java -jar openkassa-bench.jar plot cdf --out FILE.png --title TEXT NAME=FILE...
              java -jar openkassa-bench.jar plot rate --out FILE.png --title TEXT [--y-title TEXT] NAME=FILE...
                  A report plot from text files: cdf, latencies by percentile (a file holds one latency
                  in microseconds a line); rate, a rate over the run (a file holds "seconds value" lines).

              java -jar openkassa-bench.jar analyze --db-url JDBC_URL [--db-user U] --csv FILE.csv
                    --ofd-url URL --tag TAG --duration S --out FILE [--plot-prefix PATH]
                    [--registers-dir DIR] [--baseline FILE]
                  Reads the run's fiscal_job rows and callback_outbox, the OFD emulator's documents of
                  every FN, the registers' job journals under DIR (the fleet's --data) and the CSV;
                  writes 'key value' lines with latencies, counts, lost and duplicated receipts, and
                  the latency plots PATH-cdf.png and PATH-time.png; with --baseline, the round trips of
                  `ping` (one in microseconds a line) join the first.
            """;

    private ChainBench() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("error: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            System.out.print(USAGE);
            return 0;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "load" -> {
                Map<String, String> o = options(rest, Set.of("url", "rate", "duration", "warmup", "warmup-rate",
                        "tag", "out", "callback-url", "timeout-seconds", "retry-seconds"));
                String token = System.getenv("CHAIN_TOKEN");
                if (token == null || token.isBlank()) {
                    throw new UsageException("the environment variable CHAIN_TOKEN (the ATOL token) is empty");
                }
                double rate = positiveDouble(o, "rate");
                double warmupRate = o.containsKey("warmup-rate") ? positiveDouble(o, "warmup-rate") : rate;
                LoadGenerator.Options options = new LoadGenerator.Options(URI.create(required(o, "url")), token,
                        rate, warmupRate, whole(o, "warmup", 0), whole(o, "duration", -1),
                        required(o, "tag"), Path.of(required(o, "out")), o.get("callback-url"),
                        Duration.ofSeconds(whole(o, "timeout-seconds", 30)),
                        Duration.ofSeconds(whole(o, "retry-seconds", 0)));
                if (options.durationSeconds() < 1) {
                    throw new UsageException("--duration must be at least 1");
                }
                return new LoadGenerator(options).run(System.out);
            }
            case "analyze" -> {
                Map<String, String> o = options(rest, Set.of("db-url", "db-user", "csv", "ofd-url", "tag",
                        "duration", "out", "plot-prefix", "registers-dir", "baseline"));
                ChainAnalysis.Options options = new ChainAnalysis.Options(required(o, "db-url"),
                        o.getOrDefault("db-user", "postgres"), System.getenv().getOrDefault("PGPASSWORD", ""),
                        Path.of(required(o, "csv")),
                        URI.create(required(o, "ofd-url")), required(o, "tag"), whole(o, "duration", -1),
                        Path.of(required(o, "out")), o.containsKey("plot-prefix") ? Path.of(o.get("plot-prefix")) : null,
                        o.containsKey("registers-dir") ? Path.of(o.get("registers-dir")) : null,
                        o.containsKey("baseline") ? Path.of(o.get("baseline")) : null);
                new ChainAnalysis(options).run();
                return 0;
            }
            case "audit" -> {
                Map<String, String> o = options(rest, Set.of("db-url", "db-user", "csv", "ofd-url", "tag",
                        "duration", "out", "registers-dir", "settle-seconds"));
                ChainAnalysis.Options analysis = new ChainAnalysis.Options(required(o, "db-url"),
                        o.getOrDefault("db-user", "postgres"), System.getenv().getOrDefault("PGPASSWORD", ""),
                        Path.of(required(o, "csv")), URI.create(required(o, "ofd-url")), required(o, "tag"),
                        Math.max(1, whole(o, "duration", 1)), Path.of(required(o, "out")), null,
                        Path.of(required(o, "registers-dir")), null);
                ChaosAudit.Verdict verdict = ChaosAudit.run(
                        new ChaosAudit.Options(analysis, Duration.ofSeconds(whole(o, "settle-seconds", 300))), System.out);
                return verdict.passed() ? 0 : 1;
            }
            case "ping" -> {
                Map<String, String> o = options(rest, Set.of("url", "rate", "warmup", "duration", "out"));
                return RoundTrips.run(new RoundTrips.Options(URI.create(required(o, "url")), positiveDouble(o, "rate"),
                        whole(o, "warmup", 0), whole(o, "duration", -1), Path.of(required(o, "out"))), System.out);
            }
            case "plot" -> {
                return PlotFiles.run(rest);
            }
            case "sink" -> {
                Map<String, String> o = options(rest, Set.of("port"));
                return CallbackSink.run(whole(o, "port", -1), System.out);
            }
            default -> throw new UsageException("unknown command '" + args[0] + "': use load, analyze, audit, sink, ping or plot");
        }
    }

    /** Bad usage: the message is for the person at the terminal. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Map<String, String> options(List<String> args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    private static int whole(Map<String, String> options, String name, int fallback) {
        String text = options.get(name);
        if (text == null) {
            if (fallback < 0) {
                throw new UsageException("--" + name + " is required");
            }
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + text + "'");
        }
    }

    private static double positiveDouble(Map<String, String> options, String name) {
        String text = required(options, name);
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a positive number, not '" + text + "'");
        }
    }
}
