package ru.openkassa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.fleet.RegisterFleet;
import ru.openkassa.emulator.ofd.OfdEmulator;
import ru.openkassa.emulator.register.RegisterConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short chaos run that guards "no loss, exactly once": a few hundred receipts through the real
 * server jar (a separate JVM on its own PostgreSQL database), the OFD emulator and ten virtual
 * registers in-process; the server is killed with SIGKILL mid-load and started again on the same
 * database while the load goes on (requests without an answer are retried with the same
 * external_id). Then the auditor must find nothing lost, nothing duplicated, and everything accepted
 * fiscalized and delivered. The long run with more faults is {@code bench/chaos.sh}.
 *
 * <p>Needs the packaged server ({@code server/target/openkassa.jar}: the reactor's {@code verify}
 * builds it before this module's tests) and PostgreSQL ({@code OPENKASSA_TEST_DB_URL}, as the
 * server's tests); it creates and drops its own database next to that one.
 */
class ChaosRunTest {

    private static final String GROUP = "demo-shop-1";
    private static final String INN = "5544332219";
    private static final int REGISTERS = 10;
    private static final double RATE = 20;
    private static final int LOAD_SECONDS = 15;
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(150);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;
    private OfdEmulator ofd;
    private RegisterFleet fleet;
    private String adminUrl;
    private String database;

    @AfterEach
    void tearDown() throws Exception {
        if (fleet != null) {
            fleet.stop();
        }
        if (ofd != null) {
            ofd.stop();
        }
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (database != null) {
            admin("drop database if exists " + database + " with (force)");
        }
        http.close();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aServerKilledMidLoadLosesNoAcceptedReceiptAndDoublesNone() throws Exception {
        Path jar = Path.of(System.getProperty("openkassa.server.jar", "../server/target/openkassa.jar"));
        assumeTrue(Files.isRegularFile(jar), "no server jar at " + jar.toAbsolutePath()
                + ": the chaos run needs the packaged server (./mvnw verify, or ./mvnw package first)");
        String testUrl = env("OPENKASSA_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/openkassa_test");
        assumeTrue(System.getenv("OPENKASSA_TEST_DB_URL") != null || reachable(testUrl),
                "no PostgreSQL at " + testUrl + ": the chaos run needs one (OPENKASSA_TEST_DB_URL)");
        database = databaseName(testUrl) + "_chaos_run";
        admin("drop database if exists " + database + " with (force)");
        admin("create database " + database);
        String dbUrl = testUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");

        int port = freePort();
        adminUrl = "http://127.0.0.1:" + port;
        ofd = OfdEmulator.start(OfdEmulator.Config.of(0, 0).withDirectory(work.resolve("ofd")));
        server = startServer(jar, dbUrl, port, "first");

        String adminToken = post("/api/v1/auth/token", "", "{\"login\":\"demo\",\"password\":\"demo-pass\"}")
                .path("token").asString();
        String atolToken = post("/possystem/v5/getToken", "", "{\"login\":\"demo\",\"pass\":\"demo-pass\"}")
                .path("token").asString();
        List<RegisterFleet.Member> members = new ArrayList<>();
        for (int i = 1; i <= REGISTERS; i++) {
            String id = post("/api/v1/registers", adminToken, "{\"name\":\"Chaos " + i + "\",\"legal_entity_inn\":\""
                    + INN + "\",\"groups\":[\"" + GROUP + "\"]}").path("register_id").asString();
            members.add(new RegisterFleet.Member(id, null));
        }
        Path registers = work.resolve("registers");
        fleet = RegisterFleet.start(members, member -> RegisterConfig
                .builder(member.registerId(), URI.create(adminUrl), registers.resolve(member.registerId()))
                .inn(INN)
                .taxSystems(List.of(TaxSystem.USN_INCOME))
                .ofd(ofd.address())
                .build());

        String tag = "t" + System.currentTimeMillis();
        Path csv = work.resolve("requests.csv");
        LoadGenerator load = new LoadGenerator(new LoadGenerator.Options(
                URI.create(adminUrl + "/possystem/v5/" + GROUP + "/sell"), atolToken, RATE, RATE, 0, LOAD_SECONDS,
                tag, csv, null, Duration.ofSeconds(10), Duration.ofSeconds(150)));
        PrintStream loadOut = new PrintStream(Files.newOutputStream(work.resolve("load.out")), true,
                StandardCharsets.UTF_8);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> loadDone = runner.submit(() -> load.run(loadOut));
            Thread.sleep(Duration.ofSeconds(LOAD_SECONDS / 3));
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown of any kind
            server = startServer(jar, dbUrl, port, "second");
            assertThat(loadDone.get(5, TimeUnit.MINUTES)).isZero();
        } finally {
            runner.shutdownNow();
            loadOut.close();
        }

        ChainAnalysis.Options analysis = new ChainAnalysis.Options(dbUrl,
                env("OPENKASSA_TEST_DB_USER", "postgres"), env("OPENKASSA_TEST_DB_PASSWORD", ""), csv,
                URI.create("http://127.0.0.1:" + ofd.httpPort()), tag, LOAD_SECONDS, work.resolve("audit.txt"), null,
                registers, null);
        ChaosAudit.Verdict verdict = ChaosAudit.run(new ChaosAudit.Options(analysis, Duration.ofSeconds(150)),
                System.out);

        long planned = LoadGenerator.count(RATE, LOAD_SECONDS);
        assertThat(verdict.count("accepted")).as("accepted of %d sent", planned).isGreaterThan(planned / 2);
        assertThat(verdict.count("lost")).as("lost").isZero();
        assertThat(verdict.count("duplicated")).as("duplicated").isZero();
        assertThat(verdict.problems()).as("the auditor's problems").isEmpty();
    }

    private Process startServer(Path jar, String dbUrl, int port, String life) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--openkassa.demo.seed=true", "--server.port=" + port, "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("server-" + life + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("OPENKASSA_DB_URL", dbUrl);
        environment.put("OPENKASSA_DB_USER", env("OPENKASSA_TEST_DB_USER", "postgres"));
        environment.put("OPENKASSA_DB_PASSWORD", env("OPENKASSA_TEST_DB_PASSWORD", ""));
        Process process = builder.start();
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server (" + life + " start) exited: "
                        + Files.readString(work.resolve("server-" + life + ".log")));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"status\":\"UP\"")) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new AssertionError("the server (" + life + " start) was not UP within " + UP_TIMEOUT.toSeconds() + " s");
    }

    /** A POST answered 200 (retried while the demo data is still being seeded). */
    private JsonNode post(String path, String bearer, String body) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 30; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!bearer.isEmpty()) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                return JSON.readTree(answer.body());
            }
            last = answer.statusCode() + " " + answer.body();
            Thread.sleep(1000);
        }
        throw new AssertionError("POST " + path + " kept failing: " + last);
    }

    private static void admin(String sql) throws SQLException {
        String url = env("OPENKASSA_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/openkassa_test")
                .replaceFirst("/[^/?]+(\\?.*)?$", "/postgres$1");
        try (Connection db = DriverManager.getConnection(url, env("OPENKASSA_TEST_DB_USER", "postgres"),
                env("OPENKASSA_TEST_DB_PASSWORD", "")); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean reachable(String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(url, env("OPENKASSA_TEST_DB_USER", "postgres"),
                env("OPENKASSA_TEST_DB_PASSWORD", ""))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static String databaseName(String jdbcUrl) {
        String name = jdbcUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("no plain database name in " + jdbcUrl);
        }
        return name;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
