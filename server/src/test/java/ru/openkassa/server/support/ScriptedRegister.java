package ru.openkassa.server.support;

import tools.jackson.databind.JsonNode;

/**
 * A register driven step by step by a test over the real device API: it says what a real
 * register's agent would say, when the test tells it to.
 */
public final class ScriptedRegister {

    private final Http http;
    private final String registerId;
    private final String serial;
    private final String inn;
    private final String fnNumber;
    private String token;

    public ScriptedRegister(Http http, String registerId, String serial, String inn, String fnNumber) {
        this.http = http;
        this.registerId = registerId;
        this.serial = serial;
        this.inn = inn;
        this.fnNumber = fnNumber;
    }

    public Http.Response hello() {
        Http.Response response = http.postJson("/device/v1/hello", helloBody(registerId, serial, inn, fnNumber));
        if (response.status() == 200) {
            token = response.json().get("device_token").stringValue();
        }
        return response;
    }

    public static String helloBody(String registerId, String serial, String inn, String fnNumber) {
        return """
                {"register_id": "%s", "serial": "%s", "model": "Scripted", "firmware": "1.0",
                 "fn": {"number": "%s", "expires_at": "2029-11-24", "ffd_version": "1.2"},
                 "registration": {"number": "0000000001012345", "inn": "%s", "tax_systems": ["osn", "usn_income"]}}"""
                .formatted(registerId, serial, fnNumber, inn);
    }

    public String fnNumber() {
        return fnNumber;
    }

    public String token() {
        return token;
    }

    public Http.Response poll(int waitSeconds) {
        return http.get("/device/v1/tasks?wait=" + waitSeconds, "Authorization", "Bearer " + token);
    }

    /** The first task of a poll, or null. */
    public JsonNode nextTask(int waitSeconds) {
        JsonNode tasks = poll(waitSeconds).json().get("tasks");
        return tasks.isEmpty() ? null : tasks.get(0);
    }

    public Http.Response ack(String taskId) {
        return http.postJson("/device/v1/tasks/" + taskId + "/ack", "{}", "Authorization", "Bearer " + token);
    }

    public Http.Response fiscalized(String taskId, long fdNumber, long fiscalSign) {
        return fiscalized(taskId, fdNumber, fiscalSign, "");
    }

    /** The result, asking for the next task with the answer ({@code ?next=…}). */
    public Http.Response fiscalizedAndNext(String taskId, long fdNumber, long fiscalSign, int next) {
        return fiscalized(taskId, fdNumber, fiscalSign, "?next=" + next);
    }

    private Http.Response fiscalized(String taskId, long fdNumber, long fiscalSign, String query) {
        return http.postJson("/device/v1/tasks/" + taskId + "/result" + query, """
                {"fiscal": {"fd_number": %d, "fiscal_sign": %d, "shift_number": 7, "number_in_shift": 3,
                 "date_time": "2026-11-24T12:00:05+03:00", "fn_number": "%s",
                 "registration_number": "0000000001012345", "ffd_version": "1.2", "total": 600.00,
                 "ofd_inn": "7704211201"}}""".formatted(fdNumber, fiscalSign, fnNumber),
                "Authorization", "Bearer " + token);
    }

    public Http.Response failed(String taskId, int code, String text, boolean retryable) {
        return http.postJson("/device/v1/tasks/" + taskId + "/result", """
                {"error": {"code": %d, "text": "%s", "type": "driver", "retryable": %s}}"""
                .formatted(code, text, retryable), "Authorization", "Bearer " + token);
    }

    /** Answers a diagnostics task with {@code answer}, the result's {@code diagnostics} object. */
    public Http.Response diagnosed(String taskId, String answer) {
        return http.postJson("/device/v1/tasks/" + taskId + "/result", "{\"diagnostics\": " + answer + "}",
                "Authorization", "Bearer " + token);
    }

    public Http.Response delivered(long fdNumber) {
        return http.postJson("/device/v1/state", """
                {"mode": "idle", "paper": true, "shift": {"open": true, "number": 7},
                 "ofd": {"connected": true, "unsent_count": 0},
                 "fn": {"number": "%s", "fill_percent": 1},
                 "delivered": [{"fn_number": "%s", "fd_number": %d}]}""".formatted(fnNumber, fnNumber, fdNumber),
                "Authorization", "Bearer " + token);
    }
}
