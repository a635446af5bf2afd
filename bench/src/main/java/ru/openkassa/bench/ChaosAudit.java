package ru.openkassa.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditor of a chaos run: after the faults, waits until the system settles, then compares three
 * ledgers and says whether the guarantees held.
 * <ol>
 *   <li>the store's: what the load generator was told the server holds (a 200 {@code wait} with a
 *       uuid, or on a retry error 33 naming the uuid);</li>
 *   <li>the server's: the {@code fiscal_job} rows;</li>
 *   <li>the devices': the registers' FN job journals and the OFD emulator's documents.</li>
 * </ol>
 * The comparison itself is {@link ChainAnalysis}'s; this adds the waiting and the verdict: it passes
 * only when nothing accepted is lost, nothing is duplicated, and every accepted receipt is
 * fiscalized and delivered (the OFD confirmed it and the server knows).
 */
final class ChaosAudit {

    /** How long to wait for the run's receipts to reach a final state before judging. */
    record Options(ChainAnalysis.Options analysis, Duration settleTimeout) {
    }

    /** The numbers and what is wrong; no problems means the guarantees held. */
    record Verdict(Map<String, String> results, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }

        long count(String key) {
            String value = results.get(key);
            if (value == null) {
                throw new IllegalStateException("the analysis has no '" + key + "'");
            }
            return Long.parseLong(value);
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private ChaosAudit() {
    }

    static Verdict run(Options options, PrintStream out) throws IOException, SQLException, InterruptedException {
        ChainAnalysis.Options analysis = options.analysis();
        Set<String> acknowledged = new HashSet<>();
        int storedEarlier = 0;
        for (Sample sample : Sample.read(analysis.csv())) {
            if (sample.accepted()) {
                acknowledged.add(sample.uuid());
            }
            if (Sample.STORED_EARLIER.equals(sample.atolStatus())) {
                storedEarlier++;
            }
        }
        long started = System.nanoTime();
        int open = settle(analysis, acknowledged, options.settleTimeout(), out);
        double settledAfter = (System.nanoTime() - started) / 1e9;

        ChainAnalysis chain = new ChainAnalysis(analysis);
        chain.run();
        Map<String, String> results = new LinkedHashMap<>(chain.results());
        results.put("accepted_on_retry_as_existing", Integer.toString(storedEarlier));
        results.put("unsettled", Integer.toString(open));
        results.put("settle_seconds", String.format(java.util.Locale.ROOT, "%.1f", settledAfter));
        Verdict verdict = judge(results, options.settleTimeout());
        results.put("verdict", verdict.passed() ? "PASS" : "FAIL");
        results.put("problems", verdict.passed() ? "none" : String.join("; ", verdict.problems()));
        try (BufferedWriter file = Files.newBufferedWriter(analysis.out(), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> result : results.entrySet()) {
                file.write(result.getKey() + " " + result.getValue());
                file.newLine();
            }
        }
        print(results, out);
        return new Verdict(Map.copyOf(results), verdict.problems());
    }

    static Verdict judge(Map<String, String> results, Duration settleTimeout) {
        List<String> problems = new ArrayList<>();
        long accepted = Long.parseLong(results.get("accepted"));
        long lost = Long.parseLong(results.get("lost"));
        long duplicated = Long.parseLong(results.get("duplicated"));
        long fiscalized = Long.parseLong(results.get("accepted_fiscalized"));
        long delivered = Long.parseLong(results.get("accepted_delivered"));
        long missingAtOfd = Long.parseLong(results.get("jobs_missing_at_ofd"));
        long resultsMissing = Long.parseLong(results.get("results_missing_at_server"));
        long open = Long.parseLong(results.getOrDefault("unsettled", "0"));
        if (accepted == 0) {
            problems.add("nothing was accepted: the run proves nothing");
        }
        if (lost > 0) {
            problems.add(lost + " accepted receipts lost (absent, failed or not fiscalized)");
        }
        if (duplicated > 0) {
            problems.add(duplicated + " duplicated");
        }
        if (fiscalized < accepted) {
            problems.add((accepted - fiscalized) + " accepted receipts not fiscalized");
        }
        if (delivered < accepted) {
            problems.add((accepted - delivered) + " accepted receipts not delivered to the OFD");
        }
        if (missingAtOfd > 0) {
            problems.add(missingAtOfd + " fiscalized jobs whose document the OFD lacks");
        }
        if (resultsMissing > 0) {
            problems.add(resultsMissing + " receipts a register fiscalized whose result the server lacks");
        }
        if (open > 0) {
            problems.add(open + " receipts neither delivered nor failed after " + settleTimeout.toSeconds() + " s");
        }
        return new Verdict(results, problems);
    }

    /**
     * Waits until every acknowledged receipt is delivered and none of the run's jobs is still on its
     * way (a job stored without an answer to the store must end too); returns how many are still
     * open when the time is up (0: settled). A failed job is final: the analysis counts it as lost.
     */
    private static int settle(ChainAnalysis.Options analysis, Set<String> acknowledged, Duration timeout,
            PrintStream out) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextLog = 0;
        int last = -1;
        try (Connection db = DriverManager.getConnection(analysis.dbUrl(), analysis.dbUser(), analysis.dbPassword());
                PreparedStatement query = db.prepareStatement(
                        "select id::text, state from fiscal_job where external_id like ?")) {
            query.setString(1, "chain-" + analysis.tag() + "-%");
            while (true) {
                Set<String> known = new HashSet<>();
                int open = 0;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        known.add(rows.getString(1));
                        String state = rows.getString(2);
                        if (!"DELIVERED".equals(state) && !"FAILED".equals(state)) {
                            open++;
                        }
                    }
                }
                for (String uuid : acknowledged) {
                    if (!known.contains(uuid)) {
                        open++; // acknowledged but not in the table: waiting will not bring it; lost
                    }
                }
                if (open == 0 || System.nanoTime() >= deadline) {
                    return open;
                }
                if (System.nanoTime() >= nextLog && open != last) {
                    out.println("AUDIT settling: " + open + " receipts not delivered yet");
                    out.flush();
                    last = open;
                    nextLog = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                Thread.sleep(POLL);
            }
        }
    }

    private static void print(Map<String, String> r, PrintStream out) {
        out.println();
        out.printf("%-58s %s%n", "accepted (the store got a 2xx, or error 33 on a retry)", r.get("accepted"));
        out.printf("%-58s %s%n", "  of those, a retry told 'exists' (answer lost in a kill)",
                r.get("accepted_on_retry_as_existing"));
        out.printf("%-58s %s%n", "fiscalized (of those accepted)", r.get("accepted_fiscalized"));
        out.printf("%-58s %s%n", "delivered to the OFD (of those accepted)", r.get("accepted_delivered"));
        out.printf("%-58s %s%n", "lost (accepted, but absent, failed or not fiscalized)", r.get("lost"));
        out.printf("%-58s %s (%s + %s + %s + %s + %s)%n",
                "duplicated (job twice + OFD unexplained + FD reused + external_id twice + OFD listed twice)",
                r.get("duplicated"), r.get("jobs_twice"), r.get("ofd_unexplained"), r.get("fd_reused"),
                r.get("external_id_twice"), r.get("ofd_listed_twice"));
        out.printf("%-58s %s / %s / %s%n", "receipts: at the OFD / fiscalized at the server / in FN journals",
                r.get("ofd_receipts"), r.get("fiscalized_all_jobs"), r.get("register_fiscalized_jobs"));
        out.printf("%-58s %s%n", "stored without an answer to the store", r.get("jobs_without_2xx"));
        out.printf("%-58s %s%n", "handed to a register more than once", r.get("redispatched"));
        out.printf("%-58s %s / %s%n", "refused / unanswered requests", r.get("refused"), r.get("unanswered"));
        out.printf("%-58s %s s (open at the end: %s)%n", "settled after", r.get("settle_seconds"), r.get("unsettled"));
        for (String key : List.of("lost_1", "lost_2", "lost_3", "duplicate_1", "duplicate_2", "duplicate_3")) {
            if (r.containsKey(key)) {
                out.println("  " + key + ": " + r.get(key));
            }
        }
        out.printf("%nAUDIT verdict %s%s%n", r.get("verdict"),
                "PASS".equals(r.get("verdict")) ? "" : " (" + r.get("problems") + ")");
        out.flush();
    }
}
