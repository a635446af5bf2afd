package ru.openkassa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchToolsTest {

    @Test
    void percentilesAreNearestRank() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.add(i * 1000L);
        }
        assertThat(latencies.percentile(50)).isEqualTo(50_000);
        assertThat(latencies.percentile(99)).isEqualTo(99_000);
        assertThat(latencies.percentile(99.5)).isEqualTo(100_000);
        assertThat(latencies.max()).isEqualTo(100_000);
        assertThat(new Latencies().percentile(99)).isEqualTo(-1);
        assertThat(Latencies.ms(1_234)).isEqualTo("1.23");
        assertThat(Latencies.ms(12_345)).isEqualTo("12.3");
        assertThat(Latencies.ms(123_456)).isEqualTo("123");
    }

    @Test
    void theScheduleIsOpenLoopAtTheRate() {
        assertThat(LoadGenerator.count(200, 60)).isEqualTo(12_000);
        assertThat(LoadGenerator.dueOffsetNanos(0, 200)).isZero();
        assertThat(LoadGenerator.dueOffsetNanos(200, 200)).isEqualTo(1_000_000_000L);
        assertThat(LoadGenerator.dueOffsetNanos(3, 7)).isEqualTo(428_571_429L);
        // 100 warm-up requests at 50/s (2 s), then 200/s
        assertThat(LoadGenerator.dueOffsetNanos(99, 100, 50, 200)).isEqualTo(1_980_000_000L);
        assertThat(LoadGenerator.dueOffsetNanos(100, 100, 50, 200)).isEqualTo(2_000_000_000L);
        assertThat(LoadGenerator.dueOffsetNanos(300, 100, 50, 200)).isEqualTo(3_000_000_000L);
    }

    @Test
    void theBodyIsJsonWithConsistentSums() {
        JsonNode body = JsonMapper.builder().build().readTree(LoadGenerator.body("chain-x-m1", "24.11.2026 12:00:00",
                "http://127.0.0.1:9/callback"));
        assertThat(body.path("external_id").asString()).isEqualTo("chain-x-m1");
        assertThat(body.path("service").path("callback_url").asString()).isEqualTo("http://127.0.0.1:9/callback");
        assertThat(JsonMapper.builder().build().readTree(LoadGenerator.body("e", "24.11.2026 12:00:00", null))
                .has("service")).isFalse();
        double sum = 0;
        for (JsonNode item : body.path("receipt").path("items")) {
            assertThat(item.path("sum").asDouble()).isEqualTo(item.path("price").asDouble() * item.path("quantity").asDouble(),
                    org.assertj.core.data.Offset.offset(0.001));
            sum += item.path("sum").asDouble();
        }
        assertThat(body.path("receipt").path("total").asDouble()).isEqualTo(sum, org.assertj.core.data.Offset.offset(0.001));
        // the FN writes texts in CP866: a register could not fiscalize anything else
        for (JsonNode item : body.path("receipt").path("items")) {
            assertThat(java.nio.charset.Charset.forName("IBM866").newEncoder().canEncode(item.path("name").asString()))
                    .as(item.path("name").asString()).isTrue();
        }
    }

    @Test
    void samplesSurviveTheCsv(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("samples.csv");
        List<Sample> samples = List.of(
                new Sample("measured", 7, "chain-x-m7", 10, 11, 20, 200, "0193-uuid", "wait", ""),
                new Sample("warmup", 1, "chain-x-w1", 1, 2, 0, 0, "", "", "java.io.IOException: a, b\nc"));
        Sample.write(file, samples);
        List<Sample> read = Sample.read(file);
        assertThat(read.get(0)).isEqualTo(samples.get(0));
        assertThat(read.get(0).accepted()).isTrue();
        assertThat(read.get(1).error()).isEqualTo("java.io.IOException: a b c");
        assertThat(read.get(1).accepted()).isFalse();
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void registerJournalsGiveTheFiscalizedJobs() {
        java.io.ByteArrayOutputStream journal = new java.io.ByteArrayOutputStream();
        record(journal, "{\"kind\":\"taken\",\"job_id\":\"j1\",\"task_id\":\"j1\",\"fn_number\":\"9999000000001801\",\"fd_before\":1}");
        record(journal, "{\"kind\":\"finished\",\"job_id\":\"j1\",\"task_id\":\"j1\",\"outcome\":{\"fiscal\":"
                + "{\"fd_number\":2,\"fn_number\":\"9999000000001801\",\"total\":1818.70}}}");
        record(journal, "{\"kind\":\"finished\",\"job_id\":\"j2\",\"task_id\":\"j2\",\"outcome\":{\"error\":"
                + "{\"code\":44,\"text\":\"Нет бумаги\"}}}");
        byte[] whole = journal.toByteArray();
        record(journal, "{\"kind\":\"finished\",\"job_id\":\"j3\",\"outcome\":{\"fiscal\":{\"fd_number\":3}}}");
        byte[] torn = java.util.Arrays.copyOf(journal.toByteArray(), journal.size() - 5);

        assertThat(RegisterJournals.parse("0000000018", whole))
                .containsExactly(new RegisterJournals.Fiscalized("0000000018", "j1", "9999000000001801", 2));
        assertThat(RegisterJournals.parse("0000000018", torn)).hasSize(1);
    }

    private static void record(java.io.ByteArrayOutputStream out, String json) {
        byte[] payload = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        out.writeBytes(java.nio.ByteBuffer.allocate(8).putInt(payload.length).putInt((int) crc.getValue()).array());
        out.writeBytes(payload);
    }

    @Test
    void percentileAxisLabels() {
        assertThat(LatencyPlots.percentileLabel(0)).isEqualTo("0%");
        assertThat(LatencyPlots.percentileLabel(1)).isEqualTo("90%");
        assertThat(LatencyPlots.percentileLabel(3)).isEqualTo("99.9%");
        assertThat(LatencyPlots.percentileLabel(0.5)).isEqualTo("68%");
        assertThat(LatencyPlots.msLabel(0)).isEqualTo("1 ms");
        assertThat(LatencyPlots.msLabel(-1)).isEqualTo("0.1 ms");
        assertThat(LatencyPlots.msLabel(1.5)).isEqualTo("32 ms");
        assertThat(LatencyPlots.msLabel(2)).isEqualTo("100 ms");
        assertThat(LatencyPlots.msLabel(4)).isEqualTo("10 s");
        // XChart loops until every tick label differs: fine steps over many decades must stay distinct
        for (double step : new double[] {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5}) {
            java.util.Set<String> percentiles = new java.util.HashSet<>();
            java.util.Set<String> latencies = new java.util.HashSet<>();
            int ticks = 0;
            for (double x = -2; x <= 12; x += step) {
                ticks++;
                percentiles.add(LatencyPlots.percentileLabel(x));
                latencies.add(LatencyPlots.msLabel(x));
            }
            assertThat(percentiles).as("step " + step).hasSize(ticks);
            assertThat(latencies).as("step " + step).hasSize(ticks);
        }
    }

    @Test
    void aRetryToldTheReceiptExistsCountsAsAcceptedAnErrorOrNoAnswerDoesNot() {
        Sample accepted = new Sample("measured", 1, "chain-x-m1", 1, 1, 2, 200, "u-1", "wait", "");
        Sample storedEarlier = new Sample("measured", 2, "chain-x-m2", 1, 1, 2, 400, "u-2", Sample.STORED_EARLIER,
                "after 3 attempts");
        Sample refused = new Sample("measured", 3, "chain-x-m3", 1, 1, 2, 400, "", "fail", "code 33");
        Sample unanswered = new Sample("measured", 4, "chain-x-m4", 1, 1, 0, 0, "", "", "connection refused");
        assertThat(List.of(accepted, storedEarlier, refused, unanswered)).extracting(Sample::accepted)
                .containsExactly(true, true, false, false);
        assertThat(Sample.parse(storedEarlier.csv())).isEqualTo(storedEarlier);
    }

    @Test
    void theAuditorPassesOnlyWhenEverythingAcceptedIsFiscalizedAndDeliveredOnce() {
        Map<String, String> clean = new HashMap<>(Map.of("accepted", "300",
                "accepted_fiscalized", "300", "accepted_delivered", "300", "lost", "0", "duplicated", "0",
                "jobs_missing_at_ofd", "0", "results_missing_at_server", "0", "unsettled", "0"));
        Duration settle = Duration.ofSeconds(60);
        assertThat(ChaosAudit.judge(clean, settle).passed()).isTrue();

        Map<String, String> broken = new HashMap<>(clean);
        broken.put("lost", "1");
        broken.put("accepted_fiscalized", "299");
        broken.put("accepted_delivered", "298");
        broken.put("duplicated", "2");
        broken.put("unsettled", "1");
        assertThat(ChaosAudit.judge(broken, settle).problems()).containsExactly(
                "1 accepted receipts lost (absent, failed or not fiscalized)", "2 duplicated",
                "1 accepted receipts not fiscalized", "2 accepted receipts not delivered to the OFD",
                "1 receipts neither delivered nor failed after 60 s");

        Map<String, String> empty = new HashMap<>(clean);
        empty.replaceAll((k, v) -> "0");
        assertThat(ChaosAudit.judge(empty, settle).passed()).as("a run that accepted nothing proves nothing").isFalse();
    }

    @Test
    void thePlotsOfTheScriptsAreDrawnFromTextFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wake.txt"), "1200\n800\n\n15000\n");
        Files.writeString(dir.resolve("ping.txt"), "300\n450\n");
        Files.writeString(dir.resolve("lives.txt"), "30 770.5\n60 701.0\n");
        assertThat(PlotFiles.latencies(dir.resolve("wake.txt")).percentile(100)).isEqualTo(15_000);
        assertThat(PlotFiles.points(dir.resolve("lives.txt"))).hasSize(2);

        assertThat(ChainBench.run(new String[] {"plot", "cdf", "--out", dir.resolve("cdf.png").toString(),
                "--title", "wake", "wake latency=" + dir.resolve("wake.txt"), "round trip=" + dir.resolve("ping.txt")}))
                .isZero();
        assertThat(ChainBench.run(new String[] {"plot", "rate", "--out", dir.resolve("rate.png").toString(),
                "--title", "lives", "--y-title", "lives/s", "lives=" + dir.resolve("lives.txt")})).isZero();
        assertThat(Files.size(dir.resolve("cdf.png"))).isPositive();
        assertThat(Files.size(dir.resolve("rate.png"))).isPositive();
    }

    @Test
    void roundTripsOfATrivialEndpointAreTimedOneALine(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/info", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes());
            exchange.close();
        });
        server.start();
        try {
            Path out = dir.resolve("ping.txt");
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/info");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            RoundTrips.run(new RoundTrips.Options(url, 20, 1, 1, out), new PrintStream(printed));
            assertThat(Files.readAllLines(out)).hasSize(20);
            assertThat(printed.toString()).contains("PING count 20", "PING errors 0");
        } finally {
            server.stop(0);
        }
    }
}
