package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import tools.jackson.databind.util.RawValue;

import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.platform.error.ServiceBusyException;
import ru.openkassa.server.receipts.DeliveredDocument;
import ru.openkassa.server.receipts.FiscalData;
import ru.openkassa.server.receipts.JobError;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptTask;
import ru.openkassa.server.receipts.TaskAnswer;

/**
 * The device API's frequent calls (tasks long-poll, ack, result, state heartbeat): their checks,
 * answers and errors, shared by {@link DeviceController} and {@link DeviceCallHandler}, so that both
 * ways answer alike. An answer is the body to write as JSON; a refusal is an {@link ApiException}.
 */
@Component
class DeviceCalls {

    static final int MAX_WAIT_SECONDS = 30;
    static final int DEFAULT_WAIT_SECONDS = 25;
    /** At most this many tasks ride on the answer to a result ({@code next}). */
    static final int MAX_NEXT_TASKS = 1;

    private final DeviceSessions sessions;
    private final DeviceService devices;
    private final ReceiptService receipts;
    private final RegisterStates states;
    private final RegisterDiagnostics diagnostics;
    private final DeviceAdmission admission;
    private final Clock clock;

    DeviceCalls(DeviceSessions sessions, DeviceService devices, ReceiptService receipts, RegisterStates states,
            RegisterDiagnostics diagnostics, DeviceAdmission admission, Clock clock) {
        this.sessions = sessions;
        this.devices = devices;
        this.receipts = receipts;
        this.states = states;
        this.diagnostics = diagnostics;
        this.admission = admission;
        this.clock = clock;
    }

    Map<String, Object> tasks(String authorization, int wait) throws InterruptedException {
        DeviceSession session = session(authorization);
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("out_of_range", "wait",
                    "wait должен быть от 0 до " + MAX_WAIT_SECONDS, "wait must be 0.." + MAX_WAIT_SECONDS));
        }
        return Map.of("tasks", render(devices.poll(session, Duration.ofSeconds(wait))));
    }

    private static List<Map<String, Object>> render(DeviceService.Work work) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (RegisterDiagnostics.Task task : work.diagnostics()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", task.id().toString());
            item.put("kind", "diagnostics");
            item.put("deadline_at", task.deadlineAt());
            item.put("diagnostics", Map.of("check", task.kind().wireName()));
            tasks.add(item);
        }
        for (ReceiptTask task : work.receipts()) {
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("job_id", task.jobId().toString());
            receipt.put("operation", task.operation());
            receipt.put("api_version", task.apiVersion());
            receipt.put("external_id", task.externalId());
            // the stored body as it is, not re-read: amounts keep their exact decimal form
            receipt.put("request", new RawValue(task.requestJson()));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", task.jobId().toString());
            item.put("kind", "receipt");
            item.put("lease_expires_at", task.leaseExpiresAt());
            item.put("receipt", receipt);
            tasks.add(item);
        }
        return tasks;
    }

    Map<String, Object> ack(String authorization, String id) throws InterruptedException {
        UUID taskId;
        TaskAnswer answer;
        try (DeviceAdmission.Permit permit = admission.enter()) {
            DeviceSession session = session(authorization);
            taskId = taskId(id);
            answer = receipts.ack(session.accountId(), session.registerPk(), taskId);
        }
        return switch (answer) {
            case RECORDED, REPEATED -> Map.of("id", taskId.toString(), "state", "acked");
            case LEASE_LOST -> throw new ApiException(HttpStatus.CONFLICT, ApiError.of("lease_lost", "id",
                    "Срок аренды задания истёк, задание возвращено в очередь: не выполняйте его",
                    "The lease ran out and the task went back to the queue: do not perform it"));
            case CONFLICT, UNKNOWN -> throw unknownTask(taskId);
        };
    }

    Map<String, Object> result(String authorization, String id, int next, TaskResult result) throws InterruptedException {
        DeviceSession session;
        UUID taskId;
        TaskAnswer answer;
        // the place is given back before the next receipt is claimed, which takes one of its own
        try (DeviceAdmission.Permit permit = admission.enter()) {
            session = session(authorization);
            taskId = taskId(id);
            if (next < 0 || next > MAX_NEXT_TASKS) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("out_of_range", "next",
                        "next должен быть от 0 до " + MAX_NEXT_TASKS, "next must be 0.." + MAX_NEXT_TASKS));
            }
            if (result.diagnostics() != null) {
                if (result.fiscal() != null || result.error() != null) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("required", "diagnostics",
                            "Укажите либо fiscal, либо error, либо diagnostics", "Give one of fiscal, error, diagnostics"));
                }
                return diagnosed(session, taskId, result.diagnostics());
            }
            if (result.fiscal() != null && result.error() == null) {
                answer = receipts.fiscalized(session.accountId(), session.registerPk(), taskId, fiscal(result.fiscal()));
            } else if (result.error() != null && result.fiscal() == null) {
                TaskResult.Error error = result.error();
                List<ApiError> problems = new ArrayList<>();
                require(error.code(), "error.code", problems);
                require(error.text(), "error.text", problems);
                if (!problems.isEmpty()) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, problems);
                }
                String type = error.type() == null || error.type().isBlank() ? "driver" : error.type();
                answer = receipts.notFiscalized(session.accountId(), session.registerPk(), taskId,
                        new JobError(error.code(), type, truncate(error.text(), 1000)), Boolean.TRUE.equals(error.retryable()));
            } else {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("required", "fiscal",
                        "Укажите либо fiscal, либо error", "Give either fiscal or error"));
            }
        }
        return switch (answer) {
            case RECORDED, REPEATED -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", taskId.toString());
                body.put("state", "recorded");
                if (next > 0) {
                    // a busy register's next receipt with the answer, without a poll of its own
                    body.put("tasks", render(nextTasks(session)));
                }
                yield body;
            }
            case CONFLICT -> throw new ApiException(HttpStatus.CONFLICT, ApiError.of("result_conflict", "id",
                    "По заданию уже записан другой результат", "Another result is already recorded for this task"));
            case LEASE_LOST, UNKNOWN -> throw unknownTask(taskId);
        };
    }

    /** The result is recorded whatever happens here: a node too busy to claim just gives none. */
    private DeviceService.Work nextTasks(DeviceSession session) throws InterruptedException {
        try {
            return devices.poll(session, Duration.ZERO);
        } catch (ServiceBusyException e) {
            return DeviceService.Work.NONE;
        }
    }

    private Map<String, Object> diagnosed(DeviceSession session, UUID taskId, RegisterDiagnostics.Answer answer) {
        return switch (diagnostics.answer(session, taskId, answer)) {
            case RECORDED, REPEATED -> Map.of("id", taskId.toString(), "state", "recorded");
            case LATE -> throw new ApiException(HttpStatus.CONFLICT, ApiError.of("deadline_passed", "id",
                    "Срок ответа на диагностику истёк, ответ не записан", "The diagnostic's deadline passed; the answer is not kept"));
            case CONFLICT -> throw new ApiException(HttpStatus.CONFLICT, ApiError.of("result_conflict", "id",
                    "По заданию уже записан другой результат", "Another result is already recorded for this task"));
            case TOO_LONG -> throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("too_long", "diagnostics",
                    "Ответ диагностики слишком длинный", "The diagnostics answer is too long"));
            case UNKNOWN -> throw unknownTask(taskId);
        };
    }

    Map<String, Object> state(String authorization, StateReport state) throws InterruptedException {
        try (DeviceAdmission.Permit permit = admission.enter()) {
            return state(session(authorization), state);
        }
    }

    private Map<String, Object> state(DeviceSession session, StateReport state) {
        List<DeliveredDocument> delivered = new ArrayList<>();
        List<ApiError> problems = new ArrayList<>();
        if (state.delivered() != null) {
            for (int i = 0; i < state.delivered().size(); i++) {
                StateReport.Delivered d = state.delivered().get(i);
                if (d == null || d.fnNumber() == null || d.fdNumber() == null) {
                    problems.add(ApiError.of("required", "delivered[" + i + "]", "Нужны fn_number и fd_number",
                            "fn_number and fd_number are required"));
                } else {
                    delivered.add(new DeliveredDocument(d.fnNumber(), d.fdNumber()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        states.save(session, state, now);
        int recorded = delivered.isEmpty() ? 0 : receipts.delivered(session.registerPk(), delivered);
        return Map.of("server_time", now, "delivered_recorded", recorded);
    }

    private DeviceSession session(String authorization) {
        return switch (sessions.check(authorization)) {
            case DeviceSessions.Check.Valid valid -> valid.session();
            case DeviceSessions.Check.Expired expired -> throw new ApiException(HttpStatus.UNAUTHORIZED, ApiError.of(
                    "token_expired", "Authorization", "Срок действия токена истёк: повторите hello",
                    "The device token expired: say hello again"));
            case DeviceSessions.Check.Missing missing -> throw new ApiException(HttpStatus.UNAUTHORIZED, ApiError.of(
                    "unauthorized", "Authorization",
                    "Нужен заголовок Authorization: Bearer <токен из hello>; ID ККТ мог быть выдан заново",
                    "An Authorization: Bearer <token from hello> header is required; the register ID may have been re-issued"));
        };
    }

    private static FiscalData fiscal(TaskResult.Fiscal fiscal) {
        List<ApiError> problems = new ArrayList<>();
        require(fiscal.fdNumber(), "fiscal.fd_number", problems);
        require(fiscal.fiscalSign(), "fiscal.fiscal_sign", problems);
        require(fiscal.shiftNumber(), "fiscal.shift_number", problems);
        require(fiscal.numberInShift(), "fiscal.number_in_shift", problems);
        require(fiscal.dateTime(), "fiscal.date_time", problems);
        require(fiscal.fnNumber(), "fiscal.fn_number", problems);
        require(fiscal.registrationNumber(), "fiscal.registration_number", problems);
        if (fiscal.fiscalSign() != null && (fiscal.fiscalSign() < 0 || fiscal.fiscalSign() > 0xFFFF_FFFFL)) {
            problems.add(ApiError.of("out_of_range", "fiscal.fiscal_sign", "ФП — число до 10 цифр (uint32)",
                    "The fiscal sign is a uint32"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        return new FiscalData(fiscal.fdNumber(), fiscal.fiscalSign(), fiscal.shiftNumber(), fiscal.numberInShift(),
                fiscal.dateTime(), fiscal.fnNumber(), fiscal.registrationNumber(),
                fiscal.ffdVersion() == null ? "1.2" : truncate(fiscal.ffdVersion(), 8), truncate(fiscal.ofdInn(), 12));
    }

    static void require(Object value, String field, List<ApiError> problems) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            problems.add(ApiError.of("required", field, "Поле " + field + " обязательно", "Field " + field + " is required"));
        }
    }

    private static UUID taskId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknownTask(null);
        }
    }

    private static ApiException unknownTask(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("unknown_task", "id",
                "Такого задания эта ККТ не получала", "This register was never given such a task"));
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
