package ru.openkassa.server.receipts.atol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.JobError;

/**
 * The ATOL report body: the same for GET report/{uuid} and for the callback. While a receipt
 * waits, ATOL answers HTTP 200 with status "wait" and error 34.
 */
final class AtolReport {

    private AtolReport() {
    }

    static Map<String, Object> of(FiscalJob job, String timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", job.id().toString());
        switch (job.state()) {
            case ACCEPTED, DISPATCHED -> {
                body.put("status", "wait");
                body.put("error", error(AtolError.STATE_NOT_FOUND.code(), "system", AtolError.STATE_NOT_FOUND.text()));
                body.put("payload", null);
            }
            case FAILED -> {
                JobError failure = job.error();
                body.put("status", "fail");
                body.put("error", failure == null ? error(0, "unknown", "Неизвестная ошибка")
                        : error(failure.code(), failure.type(), failure.text()));
                body.put("payload", null);
            }
            case FISCALIZED, DELIVERED -> {
                body.put("status", "done");
                body.put("error", null);
                body.put("payload", null);
            }
        }
        body.put("timestamp", timestamp);
        body.put("group_code", job.groupCode());
        body.put("daemon_code", "openkassa");
        body.put("device_code", null);
        body.put("external_id", job.externalId());
        body.put("callback_url", job.callbackUrl() == null ? "" : job.callbackUrl());
        body.put("warnings", job.warnings() == null ? null : Map.of("callback_url", job.warnings()));
        return body;
    }

    private static Map<String, Object> error(int code, String type, String text) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_id", UUID.randomUUID().toString());
        error.put("code", code);
        error.put("text", text);
        error.put("type", type);
        return error;
    }
}
