package ru.openkassa.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's side of docs/device-api.md, small enough for a test: a test double of the border
 * that speaks the documented shapes. It offers the tasks a test gives it, records acks, results
 * and heartbeats, and can expire tokens. Acked tasks without a result are offered again on the
 * next poll when {@link #reofferAcked} is on (a server that restarted and only knows the job is
 * still with this register).
 */
public final class DeviceApiDouble implements AutoCloseable {

    private static final Pattern TASK_CALL = Pattern.compile("/device/v1/tasks/([^/]+)/(ack|result)");

    /** A task as the double holds it. */
    public static final class Task {
        final String id;
        final String jobId;
        final ObjectNode json;
        volatile String state = "offered";
        volatile JsonNode result;

        Task(String id, String jobId, ObjectNode json) {
            this.id = id;
            this.jobId = jobId;
            this.json = json;
        }
    }

    private final HttpServer server;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<JsonNode> hellos = new CopyOnWriteArrayList<>();
    private final List<JsonNode> states = new CopyOnWriteArrayList<>();
    private final List<String> acks = new CopyOnWriteArrayList<>();
    private final List<String> results = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile String validToken;
    private volatile boolean reofferAcked;
    private volatile int pollWaitSeconds = 1;
    private volatile boolean failResults;
    private volatile int busyRetryAfterSeconds;
    private final AtomicInteger turnedAway = new AtomicInteger();

    private DeviceApiDouble(HttpServer server) {
        this.server = server;
    }

    public static DeviceApiDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            DeviceApiDouble api = new DeviceApiDouble(server);
            server.createContext("/device/v1/", api::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public DeviceApiDouble reofferAcked(boolean on) {
        reofferAcked = on;
        return this;
    }

    /** Offers a receipt task; {@code request} is the store's JSON body. */
    public synchronized void offer(String taskId, String jobId, String operation, String apiVersion, String request) {
        ObjectNode task = EmulatorJson.MAPPER.createObjectNode();
        task.put("id", taskId);
        task.put("kind", "receipt");
        task.put("lease_expires_at", "2026-11-24T12:00:30+03:00");
        ObjectNode receipt = task.putObject("receipt");
        receipt.put("job_id", jobId);
        receipt.put("operation", operation);
        receipt.put("api_version", apiVersion);
        receipt.put("external_id", jobId);
        receipt.set("request", EmulatorJson.MAPPER.readTree(request));
        tasks.put(taskId, new Task(taskId, jobId, task));
    }

    /** Offers a diagnostics task; {@code check} is {@code connection} or {@code status}. */
    public synchronized void offerDiagnostics(String taskId, String check) {
        ObjectNode task = EmulatorJson.MAPPER.createObjectNode();
        task.put("id", taskId);
        task.put("kind", "diagnostics");
        task.put("deadline_at", "2026-11-24T12:00:30+03:00");
        task.putObject("diagnostics").put("check", check);
        tasks.put(taskId, new Task(taskId, null, task));
    }

    public void offerSell(String taskId, String jobId, String request) {
        offer(taskId, jobId, "sell", "v5", request);
    }

    /** Results are answered 503 while on: a server that cannot store them right now. */
    public DeviceApiDouble failResults(boolean on) {
        failResults = on;
        return this;
    }

    /**
     * Every call is answered 503 with {@code Retry-After: seconds} while {@code seconds > 0}: a
     * node shedding a storm of registers.
     */
    public DeviceApiDouble busy(int seconds) {
        busyRetryAfterSeconds = seconds;
        return this;
    }

    /** Calls answered 503 by {@link #busy}. */
    public int turnedAway() {
        return turnedAway.get();
    }

    /** The next call with the current token is answered 401 token_expired. */
    public void expireToken() {
        validToken = "expired";
    }

    public int hellos() {
        return hellos.size();
    }

    public List<JsonNode> helloBodies() {
        return List.copyOf(hellos);
    }

    public List<String> acks() {
        return List.copyOf(acks);
    }

    /** Task ids in the order their results arrived, repeats included. */
    public List<String> resultCalls() {
        return List.copyOf(results);
    }

    public List<JsonNode> states() {
        return List.copyOf(states);
    }

    public synchronized JsonNode result(String taskId) {
        Task task = tasks.get(taskId);
        return task == null ? null : task.result;
    }

    public JsonNode awaitResult(String taskId, Duration timeout) {
        return await(() -> result(taskId), timeout, "a result for task " + taskId);
    }

    public void awaitAck(String taskId, Duration timeout) {
        await(() -> acks.contains(taskId) ? taskId : null, timeout, "an ack of task " + taskId);
    }

    public JsonNode awaitState(Predicate<JsonNode> wanted, Duration timeout) {
        return await(() -> states.stream().filter(wanted).findFirst().orElse(null), timeout, "a state like that");
    }

    private static <T> T await(java.util.function.Supplier<T> probe, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + timeout + " for " + what);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int retryAfter = busyRetryAfterSeconds;
            if (retryAfter > 0) {
                turnedAway.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfter));
                error(exchange, 503, "busy");
                return;
            }
            if (path.equals("/device/v1/hello")) {
                hello(exchange, EmulatorJson.MAPPER.readTree(body));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + validToken)) {
                error(exchange, 401, "token_expired");
                return;
            }
            Matcher call = TASK_CALL.matcher(path);
            if (path.equals("/device/v1/tasks")) {
                poll(exchange);
            } else if (path.equals("/device/v1/state")) {
                states.add(EmulatorJson.MAPPER.readTree(body));
                json(exchange, 200, "{\"server_time\": \"2026-11-24T12:00:00+03:00\"}");
            } else if (call.matches() && call.group(2).equals("ack")) {
                ack(exchange, call.group(1));
            } else if (call.matches()) {
                result(exchange, call.group(1), EmulatorJson.MAPPER.readTree(body));
            } else {
                error(exchange, 404, "not_found");
            }
        }
    }

    private void hello(HttpExchange exchange, JsonNode body) throws IOException {
        hellos.add(body);
        validToken = "token-" + tokens.incrementAndGet();
        json(exchange, 200, """
                {"device_token": "%s", "expires_at": "2026-11-25T12:00:00+03:00",
                 "poll_wait_seconds": %d, "server_time": "2026-11-24T12:00:00+03:00"}"""
                .formatted(validToken, pollWaitSeconds));
    }

    private void poll(HttpExchange exchange) throws IOException {
        Instant deadline = Instant.now().plusSeconds(pollWaitSeconds);
        List<ObjectNode> due = List.of();
        while (Instant.now().isBefore(deadline)) {
            due = due();
            if (!due.isEmpty()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
        ObjectNode answer = EmulatorJson.MAPPER.createObjectNode();
        answer.putArray("tasks").addAll(due);
        json(exchange, 200, answer.toString());
    }

    private synchronized List<ObjectNode> due() {
        List<ObjectNode> due = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (task.state.equals("offered") || (reofferAcked && task.state.equals("acked"))) {
                due.add(task.json);
                if (task.state.equals("offered")) {
                    task.state = "leased";
                }
            }
        }
        return due;
    }

    private synchronized void ack(HttpExchange exchange, String taskId) throws IOException {
        Task task = tasks.get(taskId);
        if (task == null) {
            error(exchange, 404, "unknown_task");
            return;
        }
        acks.add(taskId);
        if (task.state.equals("leased")) {
            task.state = "acked";
        }
        json(exchange, 200, "{\"id\": \"" + taskId + "\", \"state\": \"acked\"}");
    }

    private synchronized void result(HttpExchange exchange, String taskId, JsonNode body) throws IOException {
        Task task = tasks.get(taskId);
        if (task == null) {
            error(exchange, 404, "unknown_task");
            return;
        }
        results.add(taskId);
        if (failResults) {
            error(exchange, 503, "unavailable");
            return;
        }
        if (task.result != null && !task.result.equals(body)) {
            error(exchange, 409, "result_conflict");
            return;
        }
        task.result = body;
        task.state = "done";
        json(exchange, 200, "{}");
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        json(exchange, status, """
                {"errors": [{"code": "%s", "field": null, "message": {"ru": "%s", "en": "%s"}}]}"""
                .formatted(code, code, code));
    }

    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
