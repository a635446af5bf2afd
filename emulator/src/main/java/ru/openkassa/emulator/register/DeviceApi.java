package ru.openkassa.emulator.register;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.openkassa.emulator.EmulatorJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The register's side of {@code /device/v1} (docs/device-api.md): one method per call, the
 * documented JSON in and out. Network failures are {@link IOException}s for the caller to retry;
 * an answer the server gave is a value or a {@link Refused}.
 */
final class DeviceApi {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final DeviceHttp http;
    private final URI base;

    DeviceApi(DeviceHttp http, URI server) {
        this.http = http;
        String root = server.toString();
        this.base = URI.create(root.endsWith("/") ? root : root + "/");
    }

    record HelloBody(String registerId, String serial, String model, String firmware, FnFacts fn,
            RegistrationFacts registration) {
    }

    record FnFacts(String number, String expiresAt, String ffdVersion) {
    }

    record RegistrationFacts(String number, String inn, List<String> taxSystems) {
    }

    record Hello(String deviceToken, String expiresAt, Integer pollWaitSeconds, String serverTime) {
    }

    /** A task of a kind this register knows. */
    sealed interface Task {
        String taskId();
    }

    /** A {@code receipt} task; {@code request} is the store's body exactly as the server holds it. */
    record ReceiptTask(String taskId, String jobId, String operation, String apiVersion, String externalId,
            byte[] request) implements Task {
    }

    /** A {@code diagnostics} task: {@code check} is {@code connection} or {@code status}. */
    record DiagnosticTask(String taskId, String check) implements Task {
    }

    /** The answer to a diagnostics task: the register's state, and for {@code connection} its OFD check. */
    record Diagnostics(String registerTime, String mode, Boolean paper, ShiftFacts shift, OfdFacts ofd, FnState fn,
            OfdCheck ofdCheck) {
    }

    record OfdCheck(boolean reachable, Long millis, String error) {
    }

    private record DiagnosticsResult(Diagnostics diagnostics) {
    }

    record StateBody(String mode, boolean paper, ShiftFacts shift, OfdFacts ofd, FnState fn,
            List<Delivered> delivered) {
    }

    record ShiftFacts(boolean open, Long number, String openedAt) {
    }

    record OfdFacts(boolean connected, int unsentCount, String oldestUnsentAt) {
    }

    record FnState(String number, String expiresAt, int fillPercent) {
    }

    record Delivered(String fnNumber, long fdNumber) {
    }

    /** The server answered with an error of the native shape. */
    static class Refused extends Exception {
        private final int status;
        private final String code;
        private final Duration retryAfter;

        Refused(int status, String code, String message) {
            this(status, code, message, null);
        }

        Refused(int status, String code, String message, Duration retryAfter) {
            super("HTTP " + status + " " + code + (message == null ? "" : ": " + message));
            this.status = status;
            this.code = code;
            this.retryAfter = retryAfter;
        }

        /** When a busy server asked to be called again ({@code Retry-After} of a 503 or 429). */
        Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }

    /** 401: the device token is no longer good (e.g. {@code token_expired}); say hello again. */
    static final class TokenRejected extends Refused {
        TokenRejected(String code, String message) {
            super(401, code, message);
        }
    }

    Hello hello(HelloBody body) throws IOException, InterruptedException, Refused {
        DeviceHttp.Answer response = post("device/v1/hello", null, body);
        requireOk(response);
        return read(response, Hello.class);
    }

    /** The long-poll; tasks of kinds this register does not know yet are skipped. */
    List<Task> tasks(String token, int waitSeconds) throws IOException, InterruptedException, Refused {
        DeviceHttp.Answer response = http.get(base.resolve("device/v1/tasks?wait=" + waitSeconds), token,
                Duration.ofSeconds(waitSeconds).plus(CALL_TIMEOUT));
        requireOk(response);
        return tasks(read(response, JsonNode.class));
    }

    private static List<Task> tasks(JsonNode root) {
        List<Task> tasks = new ArrayList<>();
        for (JsonNode task : root.path("tasks")) {
            String kind = task.path("kind").asString("");
            if (kind.equals("diagnostics")) {
                tasks.add(new DiagnosticTask(task.path("id").asString(), task.path("diagnostics").path("check").asString("")));
                continue;
            }
            if (!kind.equals("receipt")) {
                continue;
            }
            JsonNode receipt = task.path("receipt");
            tasks.add(new ReceiptTask(
                    task.path("id").asString(),
                    receipt.path("job_id").asString(),
                    receipt.path("operation").asString(""),
                    receipt.path("api_version").asString(""),
                    receipt.path("external_id").asString(null),
                    EmulatorJson.MAPPER.writeValueAsBytes(receipt.path("request"))));
        }
        return tasks;
    }

    void ack(String token, String taskId) throws IOException, InterruptedException, Refused {
        requireOk(post("device/v1/tasks/" + taskId + "/ack", token, null));
    }

    /**
     * Reports a task's outcome; with {@code next} the server leases this register its next receipt,
     * if one waits, with the answer (the tasks returned), saving a poll when the queue is busy.
     */
    List<Task> result(String token, String taskId, TaskOutcome outcome, boolean next)
            throws IOException, InterruptedException, Refused {
        DeviceHttp.Answer response = post("device/v1/tasks/" + taskId + "/result" + (next ? "?next=1" : ""), token,
                outcome);
        requireOk(response);
        return next ? tasks(read(response, JsonNode.class)) : List.of();
    }

    /** Answers a diagnostics task; it needs no ack. */
    void diagnosed(String token, String taskId, Diagnostics answer) throws IOException, InterruptedException, Refused {
        requireOk(post("device/v1/tasks/" + taskId + "/result", token, new DiagnosticsResult(answer)));
    }

    void state(String token, StateBody body) throws IOException, InterruptedException, Refused {
        requireOk(post("device/v1/state", token, body));
    }

    private DeviceHttp.Answer post(String path, String token, Object body) throws IOException, InterruptedException {
        byte[] json = body == null ? new byte[0] : EmulatorJson.MAPPER.writeValueAsBytes(body);
        return http.post(base.resolve(path), token, json, CALL_TIMEOUT);
    }

    private static void requireOk(DeviceHttp.Answer response) throws Refused {
        int status = response.status();
        if (status / 100 == 2) {
            return;
        }
        String code = "http_" + status;
        String message = null;
        try {
            JsonNode error = EmulatorJson.MAPPER.readTree(response.body()).path("errors").path(0);
            if (error.hasNonNull("code")) {
                code = error.get("code").asString();
                message = error.path("message").path("en").asString(null);
            }
        } catch (JacksonException e) {
            // Not our error shape (a proxy's HTML page, say); the status says enough.
        }
        if (status == 401) {
            throw new TokenRejected(code, message);
        }
        throw new Refused(status, code, message, retryAfter(response));
    }

    /** Retry-After in seconds (the form servers use for 503); a date or nonsense counts as absent. */
    private static Duration retryAfter(DeviceHttp.Answer response) {
        if (response.status() != 503 && response.status() != 429) {
            return null;
        }
        String value = response.retryAfter();
        if (value == null || !value.strip().matches("\\d{1,4}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }

    private static <T> T read(DeviceHttp.Answer response, Class<T> type) throws IOException {
        try {
            return EmulatorJson.MAPPER.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new IOException("unreadable answer from " + response.uri() + ": " + e.getOriginalMessage(), e);
        }
    }
}
