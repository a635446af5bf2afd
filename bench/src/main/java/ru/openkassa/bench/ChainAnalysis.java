package ru.openkassa.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The numbers of a chain run, from three sources:
 * <ul>
 *   <li>the server's {@code fiscal_job} rows: every latency of the chain is a difference of two of
 *       its timestamps, all written by the one server clock;</li>
 *   <li>the load generator's CSV: which requests got a 2xx (and so must end fiscalized), and the
 *       client's view of the answer time;</li>
 *   <li>the OFD emulator's documents of every FN: the fiscal documents that exist, to find
 *       receipts fiscalized twice and FD numbers claimed by two jobs;</li>
 *   <li>the registers' job journals: which job each register fiscalized into which FD, also
 *       when the server never got the result.</li>
 * </ul>
 * Writes {@code key value} lines (see {@link #run()}) and, optionally, two PNG plots.
 */
final class ChainAnalysis {

    /** {@code registersDir}: the fleet's data directory (the registers' job journals), or null. */
    record Options(String dbUrl, String dbUser, String dbPassword, Path csv, URI ofdUrl, String tag, int durationSeconds, Path out,
            Path plotPrefix, Path registersDir, Path baseline) {
    }

    /** A fiscal_job row; times in epoch microseconds, -1 when the state was not reached. */
    record Job(String id, String externalId, String state, long acceptedUs, long dispatchedUs, long ackedUs,
            long fiscalizedUs, long deliveredUs, long fdNumber, String fnNumber, String registerId, int dispatchCount,
            String error) {

        boolean fiscalized() {
            return "FISCALIZED".equals(state) || "DELIVERED".equals(state);
        }
    }

    /** A row of the server's callback outbox; times in epoch microseconds, -1 when not yet. */
    record Callback(String jobId, long createdUs, long deliveredUs, int attempts) {
    }

    /** A document the OFD emulator holds. */
    record OfdDocument(String fn, long fd, int type) {
        boolean receipt() {
            return type == 3 || type == 31; // кассовый чек, чек коррекции
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final Map<String, String> results = new LinkedHashMap<>();

    ChainAnalysis(Options options) {
        this.options = options;
    }

    void run() throws IOException, SQLException, InterruptedException {
        List<Sample> samples = Sample.read(options.csv());
        List<Job> jobs;
        List<String> fns;
        List<Callback> callbacks;
        try (Connection db = DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword())) {
            jobs = jobs(db);
            fns = fnNumbers(db);
            callbacks = callbacks(db);
        }
        List<OfdDocument> documents = ofdDocuments(fns);
        List<RegisterJournals.Fiscalized> journals = options.registersDir() == null ? List.of()
                : RegisterJournals.read(options.registersDir());
        analyze(samples, jobs, documents, journals);
        analyzeCallbacks(samples, jobs, callbacks);
        try (BufferedWriter out = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> result : results.entrySet()) {
                out.write(result.getKey() + " " + result.getValue());
                out.newLine();
            }
        }
        if (options.plotPrefix() != null) {
            // a plot is welcome, not required: neither a failure nor a hang of the drawing may cost the numbers
            ExecutorService plotter = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "plot");
                thread.setDaemon(true);
                return thread;
            });
            try {
                plotter.submit(() -> {
                    plot(samples, jobs);
                    return null;
                }).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("no plot: " + (e instanceof ExecutionException ? e.getCause() : "took over 60 s"));
            } finally {
                plotter.shutdownNow();
            }
        }
    }

    /** The {@code key value} results of {@link #run()}, in the order written. */
    Map<String, String> results() {
        return Map.copyOf(results);
    }

    // ---- reading ---------------------------------------------------------------------------

    private static List<Job> jobs(Connection db) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select id, external_id, state, accepted_at, dispatched_at, acked_at, fiscalized_at, delivered_at,
                       fd_number, fn_number, register_id, dispatch_count,
                       case when error_code is not null then error_type || ' ' || error_code || ': ' || error_text end
                  from fiscal_job""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long fd = rows.getLong(9);
                jobs.add(new Job(rows.getString(1), rows.getString(2), rows.getString(3), micros(rows, 4),
                        micros(rows, 5), micros(rows, 6), micros(rows, 7), micros(rows, 8), rows.wasNull() ? -1 : fd,
                        rows.getString(10), rows.getString(11), rows.getInt(12), rows.getString(13)));
            }
        }
        return jobs;
    }

    private static List<Callback> callbacks(Connection db) throws SQLException {
        List<Callback> callbacks = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(
                "select job_id, created_at, delivered_at, attempts from callback_outbox order by id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                callbacks.add(new Callback(rows.getString(1), micros(rows, 2), micros(rows, 3), rows.getInt(4)));
            }
        }
        return callbacks;
    }

    private static long micros(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        if (time == null) {
            return -1;
        }
        return time.toEpochSecond() * 1_000_000 + time.getNano() / 1_000;
    }

    /** The FN of every register that said hello, and of every fiscalized job. */
    private static List<String> fnNumbers(Connection db) throws SQLException {
        List<String> fns = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select fn_number from cash_register where fn_number is not null
                 union
                select fn_number from fiscal_job where fn_number is not null""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                fns.add(rows.getString(1));
            }
        }
        return fns;
    }

    private List<OfdDocument> ofdDocuments(List<String> fns) throws IOException, InterruptedException {
        List<OfdDocument> documents = new ArrayList<>();
        String base = options.ofdUrl().toString().replaceAll("/+$", "");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (String fn : fns) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/fns/" + fn + "/documents"))
                        .timeout(Duration.ofSeconds(60)).GET().build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("OFD cabinet answered " + response.statusCode() + " for FN " + fn + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                for (JsonNode document : JSON.readTree(response.body()).path("documents")) {
                    documents.add(new OfdDocument(fn, document.path("fd_number").asLong(),
                            document.path("document_type").asInt()));
                }
            }
        }
        return documents;
    }

    // ---- the numbers -----------------------------------------------------------------------

    private void analyze(List<Sample> samples, List<Job> jobs, List<OfdDocument> documents,
            List<RegisterJournals.Fiscalized> journals) {
        String prefix = "chain-" + options.tag() + "-";
        Map<String, Job> byId = new HashMap<>();
        for (Job job : jobs) {
            byId.put(job.id(), job);
        }

        // -- the requests
        int sentWarmup = 0;
        int sentMeasured = 0;
        int acceptedWarmup = 0;
        int acceptedMeasured = 0;
        int refused = 0;
        int unanswered = 0;
        List<String> errors = new ArrayList<>();
        Latencies client = new Latencies();
        Latencies clientFromDue = new Latencies();
        Latencies lag = new Latencies();
        for (Sample sample : samples) {
            if (sample.measured()) {
                sentMeasured++;
            } else {
                sentWarmup++;
            }
            if (sample.accepted()) {
                if (sample.measured()) {
                    acceptedMeasured++;
                    client.add(sample.answeredUs() - sample.sentUs());
                    clientFromDue.add(sample.answeredUs() - sample.dueUs());
                    lag.add(sample.sentUs() - sample.dueUs());
                } else {
                    acceptedWarmup++;
                }
            } else {
                if (sample.status() == 0) {
                    unanswered++;
                } else {
                    refused++;
                }
                if (errors.size() < 5) {
                    errors.add(sample.externalId() + " HTTP " + sample.status() + " " + sample.error());
                }
            }
        }
        put("sent_warmup", sentWarmup);
        put("sent_measured", sentMeasured);
        put("accepted_warmup", acceptedWarmup);
        put("accepted_measured", acceptedMeasured);
        put("accepted_rate", String.format(Locale.ROOT, "%.1f", acceptedMeasured / (double) options.durationSeconds()));
        put("refused", refused);
        put("unanswered", unanswered);
        for (int i = 0; i < errors.size(); i++) {
            put("error_" + (i + 1), errors.get(i));
        }
        percentiles("client", client);
        put("client_from_due_p99", Latencies.ms(clientFromDue.percentile(99)));
        put("client_from_due_max", Latencies.ms(clientFromDue.max()));
        put("schedule_lag_p99", Latencies.ms(lag.percentile(99)));
        put("schedule_lag_max", Latencies.ms(lag.max()));

        // -- the chain of the measured receipts, from the server's timestamps
        Latencies dispatch = new Latencies();
        Latencies acked = new Latencies();
        Latencies done = new Latencies();
        Latencies delivered = new Latencies();
        Latencies ack = new Latencies();
        Latencies sign = new Latencies();
        Latencies ofd = new Latencies();
        Latencies clientToAccept = new Latencies();
        for (Sample sample : samples) {
            Job job = sample.accepted() && sample.measured() ? byId.get(sample.uuid()) : null;
            if (job == null) {
                continue;
            }
            clientToAccept.add(job.acceptedUs() - sample.sentUs());
            if (job.dispatchedUs() >= 0) {
                dispatch.add(job.dispatchedUs() - job.acceptedUs());
            }
            if (job.ackedUs() >= 0) {
                acked.add(job.ackedUs() - job.acceptedUs());
                ack.add(job.ackedUs() - job.dispatchedUs());
            }
            if (job.fiscalizedUs() >= 0) {
                done.add(job.fiscalizedUs() - job.acceptedUs());
                if (job.ackedUs() >= 0) {
                    sign.add(job.fiscalizedUs() - job.ackedUs());
                }
            }
            if (job.deliveredUs() >= 0) {
                delivered.add(job.deliveredUs() - job.acceptedUs());
                if (job.fiscalizedUs() >= 0) {
                    ofd.add(job.deliveredUs() - job.fiscalizedUs());
                }
            }
        }
        // the chain's throughput: receipts (any phase) fiscalized while the measured window ran
        long windowStart = samples.stream().filter(Sample::measured).mapToLong(Sample::dueUs).min().orElse(0);
        long windowEnd = windowStart + options.durationSeconds() * 1_000_000L;
        long fiscalizedInWindow = jobs.stream()
                .filter(j -> j.fiscalizedUs() >= windowStart && j.fiscalizedUs() < windowEnd).count();
        put("fiscalized_rate", String.format(Locale.ROOT, "%.1f", fiscalizedInWindow / (double) options.durationSeconds()));
        long backlog = jobs.stream().filter(j -> j.acceptedUs() < windowEnd
                && (j.fiscalizedUs() < 0 || j.fiscalizedUs() >= windowEnd)).count();
        put("backlog_at_window_end", backlog);
        // how fast that backlog went once no receipts came in: the chain alone, without the intake
        long lastFiscalized = jobs.stream().mapToLong(Job::fiscalizedUs).max().orElse(-1);
        put("drain_rate", backlog == 0 || lastFiscalized <= windowEnd ? "–" : String.format(Locale.ROOT, "%.1f",
                backlog / ((lastFiscalized - windowEnd) / 1e6)));
        percentiles("dispatch", dispatch);
        percentiles("acked", acked);
        percentiles("done", done);
        percentiles("delivered", delivered);
        percentiles("stage_ack", ack);
        percentiles("stage_result", sign);
        percentiles("stage_ofd", ofd);
        percentiles("client_to_accept", clientToAccept);

        // -- the run's jobs
        List<Job> runJobs = jobs.stream().filter(j -> j.externalId().startsWith(prefix)).toList();
        Set<String> answered = new HashSet<>();
        for (Sample sample : samples) {
            if (sample.accepted()) {
                answered.add(sample.uuid());
            }
        }
        Map<String, Integer> states = new LinkedHashMap<>();
        Map<String, Integer> perRegister = new HashMap<>();
        int redispatched = 0;
        int withoutAnswer = 0;
        for (Job job : runJobs) {
            states.merge(job.state(), 1, Integer::sum);
            if (job.registerId() != null && job.fiscalized()) {
                perRegister.merge(job.registerId(), 1, Integer::sum);
            }
            if (job.dispatchCount() > 1) {
                redispatched++;
            }
            if (!answered.contains(job.id())) {
                withoutAnswer++;
            }
        }
        put("jobs", runJobs.size());
        put("jobs_states", states.isEmpty() ? "none" : states.toString().replaceAll("[{} ]", "").replace(',', ' '));
        put("jobs_without_2xx", withoutAnswer);
        put("redispatched", redispatched);
        put("registers_used", perRegister.size());
        put("per_register_min", perRegister.values().stream().mapToInt(Integer::intValue).min().orElse(0));
        put("per_register_max", perRegister.values().stream().mapToInt(Integer::intValue).max().orElse(0));

        // -- lost: a 2xx whose receipt is absent or not fiscalized
        int accepted = 0;
        int lost = 0;
        int undelivered = 0;
        List<String> lostExamples = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.accepted()) {
                continue;
            }
            accepted++;
            Job job = byId.get(sample.uuid());
            if (job == null || !job.fiscalized() || !job.externalId().equals(sample.externalId())) {
                lost++;
                if (lostExamples.size() < 5) {
                    lostExamples.add(sample.externalId() + " uuid " + sample.uuid() + ": " + (job == null ? "no job"
                            : job.state() + (job.error() == null ? "" : " (" + job.error() + ")")));
                }
            } else if (job.deliveredUs() < 0) {
                undelivered++;
            }
        }
        put("accepted", accepted);
        put("accepted_fiscalized", accepted - lost);
        put("accepted_delivered", accepted - lost - undelivered);
        put("lost", lost);
        for (int i = 0; i < lostExamples.size(); i++) {
            put("lost_" + (i + 1), lostExamples.get(i));
        }
        put("undelivered", undelivered);

        // -- duplicated: an external_id with two documents, a job with two documents, an FD number
        //    used twice, a document at the OFD nobody explains
        Map<String, Set<String>> uuidsByExternalId = new HashMap<>();
        for (Sample sample : samples) {
            if (sample.accepted()) {
                uuidsByExternalId.computeIfAbsent(sample.externalId(), k -> new HashSet<>()).add(sample.uuid());
            }
        }
        Map<String, Integer> jobsByExternalId = new HashMap<>();
        for (Job job : runJobs) {
            jobsByExternalId.merge(job.externalId(), 1, Integer::sum);
        }
        long externalIdTwice = uuidsByExternalId.values().stream().filter(u -> u.size() > 1).count()
                + jobsByExternalId.values().stream().filter(n -> n > 1).count();

        // every (FN, FD) a job is said to have, by the server and by the registers' journals
        Map<String, Set<String>> documentsByJob = new HashMap<>();
        Map<String, Set<String>> jobsByDocument = new HashMap<>();
        int fiscalizedAll = 0;
        for (Job job : jobs) {
            if (job.fiscalized() && job.fdNumber() >= 0) {
                fiscalizedAll++;
                String document = job.fnNumber() + "/" + job.fdNumber();
                documentsByJob.computeIfAbsent(job.id(), k -> new TreeSet<>()).add(document);
                jobsByDocument.computeIfAbsent(document, k -> new TreeSet<>()).add(job.id());
            }
        }
        Set<String> serverDocuments = new HashSet<>(jobsByDocument.keySet());
        Set<String> journalJobs = new HashSet<>();
        for (RegisterJournals.Fiscalized entry : journals) {
            String document = entry.fnNumber() + "/" + entry.fdNumber();
            documentsByJob.computeIfAbsent(entry.jobId(), k -> new TreeSet<>()).add(document);
            jobsByDocument.computeIfAbsent(document, k -> new TreeSet<>()).add(entry.jobId());
            journalJobs.add(entry.jobId());
        }
        List<String> duplicateExamples = new ArrayList<>();
        long jobsTwice = 0;
        for (Map.Entry<String, Set<String>> entry : documentsByJob.entrySet()) {
            if (entry.getValue().size() > 1) {
                jobsTwice++;
                if (duplicateExamples.size() < 5) {
                    duplicateExamples.add("job " + entry.getKey() + " has the documents (FN/FD) " + entry.getValue());
                }
            }
        }
        long fdReused = 0;
        for (Map.Entry<String, Set<String>> entry : jobsByDocument.entrySet()) {
            if (entry.getValue().size() > 1) {
                fdReused++;
                if (duplicateExamples.size() < 5) {
                    duplicateExamples.add("FN/FD " + entry.getKey() + " is the document of the jobs " + entry.getValue());
                }
            }
        }
        Map<String, OfdDocument> ofdByDocument = new HashMap<>();
        int ofdReceipts = 0;
        int ofdOther = 0;
        long ofdTwice = 0;
        long ofdWithoutServerJob = 0;
        long ofdUnexplained = 0;
        Set<String> fnsWithDocuments = new TreeSet<>();
        for (OfdDocument document : documents) {
            String key = document.fn() + "/" + document.fd();
            fnsWithDocuments.add(document.fn());
            if (ofdByDocument.put(key, document) != null) {
                ofdTwice++;
            }
            if (!document.receipt()) {
                ofdOther++;
                continue;
            }
            ofdReceipts++;
            if (!serverDocuments.contains(key)) {
                ofdWithoutServerJob++;
            }
            if (!jobsByDocument.containsKey(key)) {
                ofdUnexplained++;
                if (duplicateExamples.size() < 5) {
                    duplicateExamples.add("OFD receipt FN/FD " + key + " belongs to no job, by the server or a register");
                }
            }
        }
        long jobsMissingAtOfd = 0;
        long jobsNotReceiptAtOfd = 0;
        for (String key : serverDocuments) {
            OfdDocument document = ofdByDocument.get(key);
            if (document == null) {
                jobsMissingAtOfd++;
            } else if (!document.receipt()) {
                jobsNotReceiptAtOfd++;
            }
        }
        // fiscalized by a register, but the server has no result (yet): the result call failed
        long resultsMissing = 0;
        for (String jobId : journalJobs) {
            Job job = byId.get(jobId);
            if (job == null || !job.fiscalized()) {
                resultsMissing++;
            }
        }
        put("fiscalized_all_jobs", fiscalizedAll);
        put("register_fiscalized_jobs", journalJobs.size());
        put("results_missing_at_server", resultsMissing);
        put("ofd_fns", fnsWithDocuments.size());
        put("ofd_receipts", ofdReceipts);
        put("ofd_other_documents", ofdOther);
        put("ofd_listed_twice", ofdTwice);
        put("ofd_without_server_job", ofdWithoutServerJob);
        put("ofd_unexplained", ofdUnexplained);
        put("jobs_twice", jobsTwice);
        put("fd_reused", fdReused);
        put("external_id_twice", externalIdTwice);
        put("jobs_missing_at_ofd", jobsMissingAtOfd);
        put("jobs_not_receipt_at_ofd", jobsNotReceiptAtOfd);
        put("duplicated", jobsTwice + ofdUnexplained + fdReused + externalIdTwice + ofdTwice);
        for (int i = 0; i < duplicateExamples.size(); i++) {
            put("duplicate_" + (i + 1), duplicateExamples.get(i));
        }
    }

    /**
     * The store's view: the first callback of a receipt is its final state ({@code done}); how long
     * after acceptance the store had it (the server's {@code delivered_at} of the outbox row: the
     * store answered 2xx), and how many measured receipts' callbacks were still unsent when the
     * analysis ran.
     */
    private void analyzeCallbacks(List<Sample> samples, List<Job> jobs, List<Callback> callbacks) {
        Map<String, Job> byId = new HashMap<>();
        for (Job job : jobs) {
            byId.put(job.id(), job);
        }
        Map<String, Callback> first = new HashMap<>();
        int delivered = 0;
        int retried = 0;
        for (Callback callback : callbacks) {
            first.putIfAbsent(callback.jobId(), callback);
            if (callback.deliveredUs() >= 0) {
                delivered++;
            }
            if (callback.attempts() > 1) {
                retried++;
            }
        }
        Latencies done = new Latencies();
        int pending = 0;
        int measured = 0;
        for (Sample sample : samples) {
            Job job = sample.accepted() && sample.measured() ? byId.get(sample.uuid()) : null;
            if (job == null || !job.fiscalized()) {
                continue;
            }
            measured++;
            Callback callback = first.get(job.id());
            if (callback == null || callback.deliveredUs() < 0) {
                pending++;
            } else {
                done.add(callback.deliveredUs() - job.acceptedUs());
            }
        }
        put("callbacks_outbox", callbacks.size());
        put("callbacks_delivered", delivered);
        put("callbacks_retried", retried);
        put("callbacks_measured_fiscalized", measured);
        put("callbacks_measured_pending", pending);
        percentiles("callback", done);
    }

    private void percentiles(String name, Latencies latencies) {
        put(name + "_n", latencies.size());
        put(name + "_p50", Latencies.ms(latencies.percentile(50)));
        put(name + "_p90", Latencies.ms(latencies.percentile(90)));
        put(name + "_p99", Latencies.ms(latencies.percentile(99)));
        put(name + "_max", Latencies.ms(latencies.max()));
    }

    private void put(String key, Object value) {
        results.put(key, String.valueOf(value).replaceAll("[\\r\\n]+", " "));
    }

    // ---- plots -----------------------------------------------------------------------------

    private void plot(List<Sample> samples, List<Job> jobs) throws IOException {
        Map<String, Job> byId = new HashMap<>();
        for (Job job : jobs) {
            byId.put(job.id(), job);
        }
        List<Job> measured = new ArrayList<>();
        Latencies client = new Latencies();
        long start = Long.MAX_VALUE;
        for (Sample sample : samples) {
            if (sample.measured()) {
                start = Math.min(start, sample.dueUs());
                if (sample.accepted()) {
                    client.add(sample.answeredUs() - sample.sentUs());
                    Job job = byId.get(sample.uuid());
                    if (job != null) {
                        measured.add(job);
                    }
                }
            }
        }
        Map<String, Latencies> series = new LinkedHashMap<>();
        series.put("send → 2xx (client)", client);
        series.put("accept → dispatched", collect(measured, j -> j.dispatchedUs() < 0 ? -1 : j.dispatchedUs() - j.acceptedUs()));
        series.put("accept → fiscalized (done)", collect(measured, j -> j.fiscalizedUs() < 0 ? -1 : j.fiscalizedUs() - j.acceptedUs()));
        series.put("accept → delivered (OFD)", collect(measured, j -> j.deliveredUs() < 0 ? -1 : j.deliveredUs() - j.acceptedUs()));
        if (options.baseline() != null && Files.exists(options.baseline())) {
            series.put("baseline: GET /actuator/info round trip", PlotFiles.latencies(options.baseline()));
        }
        LatencyPlots.cdf(Path.of(options.plotPrefix() + "-cdf.png"), series,
                "Latency distribution, " + measured.size() + " receipts");
        LatencyPlots.overTime(Path.of(options.plotPrefix() + "-time.png"), measured, start);
    }

    private static Latencies collect(List<Job> jobs, Function<Job, Long> latency) {
        Latencies latencies = new Latencies();
        for (Job job : jobs) {
            long value = latency.apply(job);
            if (value >= 0) {
                latencies.add(value);
            }
        }
        return latencies;
    }
}
