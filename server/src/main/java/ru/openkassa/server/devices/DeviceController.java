package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.util.RawValue;

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.core.validation.InnCheck;
import ru.openkassa.server.fleet.HelloOutcome;
import ru.openkassa.server.fleet.RegisterFacts;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.platform.error.ServiceBusyException;
import ru.openkassa.server.receipts.DeliveredDocument;
import ru.openkassa.server.receipts.FiscalData;
import ru.openkassa.server.receipts.JobError;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptTask;
import ru.openkassa.server.receipts.TaskAnswer;

/** The device API: how registers (virtual, or agents of real ones) talk to the server. See docs/device-api.md. */
@RestController
@RequestMapping("/device/v1")
@Tag(name = "Device API", description = "hello, tasks long-poll, ack, result, state heartbeat")
class DeviceController {

    static final int MAX_WAIT_SECONDS = 30;
    static final int DEFAULT_WAIT_SECONDS = 25;
    /** At most this many tasks ride on the answer to a result ({@code next}). */
    static final int MAX_NEXT_TASKS = 1;

    private final RegisterService registers;
    private final DeviceSessions sessions;
    private final DeviceService devices;
    private final ReceiptService receipts;
    private final RegisterStates states;
    private final RegisterDiagnostics diagnostics;
    private final DeviceAdmission admission;
    private final Clock clock;

    DeviceController(RegisterService registers, DeviceSessions sessions, DeviceService devices, ReceiptService receipts,
            RegisterStates states, RegisterDiagnostics diagnostics, DeviceAdmission admission, Clock clock) {
        this.diagnostics = diagnostics;
        this.admission = admission;
        this.registers = registers;
        this.sessions = sessions;
        this.devices = devices;
        this.receipts = receipts;
        this.states = states;
        this.clock = clock;
    }

    @PostMapping("/hello")
    @Operation(summary = "Introduce the register; the first hello binds its serial number to the register ID")
    Map<String, Object> hello(@RequestBody HelloRequest hello) throws InterruptedException {
        RegisterFacts facts = validate(hello);
        try (DeviceAdmission.Permit permit = admission.enter()) {
            return hello(hello, facts);
        }
    }

    private Map<String, Object> hello(HelloRequest hello, RegisterFacts facts) {
        HelloOutcome outcome = registers.hello(hello.registerId(), facts);
        return switch (outcome) {
            case HelloOutcome.Known known -> {
                DeviceSessions.Issued issued = sessions.issue(known.register());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("device_token", issued.token());
                body.put("expires_at", issued.expiresAt());
                body.put("poll_wait_seconds", DEFAULT_WAIT_SECONDS);
                body.put("server_time", OffsetDateTime.now(clock));
                yield body;
            }
            case HelloOutcome.UnknownRegister unknown -> throw new ApiException(HttpStatus.NOT_FOUND, ApiError.of(
                    "unknown_register", "register_id",
                    "ККТ с ID " + hello.registerId() + " не найдена: ID не выдавался или выдан заново",
                    "No register has ID " + hello.registerId() + ": never issued, or re-issued"));
            case HelloOutcome.RetiredRegister retired -> throw new ApiException(HttpStatus.GONE, ApiError.of(
                    "register_retired", "register_id",
                    "ККТ с ID " + hello.registerId() + " выведена из эксплуатации и больше не работает с сервером;"
                            + " чтобы подключить её снова, добавьте её на сервере и введите новый ID",
                    "The register with ID " + hello.registerId() + " is retired and no longer works with the server;"
                            + " to connect it again, add it on the server and enter the new ID"));
            case HelloOutcome.SerialMismatch mismatch -> throw new ApiException(HttpStatus.CONFLICT, ApiError.of(
                    "serial_mismatch", "serial",
                    "ID " + hello.registerId() + " уже привязан к ККТ с другим заводским номером",
                    "ID " + hello.registerId() + " is bound to a register with another serial number"));
        };
    }

    @GetMapping("/tasks")
    @Operation(summary = "Long-poll for work: answers as soon as there is some, or with an empty list after `wait` seconds")
    Map<String, Object> tasks(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(defaultValue = "" + DEFAULT_WAIT_SECONDS) int wait) throws InterruptedException {
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

    @PostMapping("/tasks/{id}/ack")
    @Operation(summary = "Take a task: from now on only this register's result decides the receipt")
    Map<String, Object> ack(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id) throws InterruptedException {
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

    @PostMapping("/tasks/{id}/result")
    @Operation(summary = "Report the fiscal data of a task, or the error that kept the register from fiscalizing it")
    Map<String, Object> result(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id, @RequestParam(defaultValue = "0") int next, @RequestBody TaskResult result)
            throws InterruptedException {
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

    @PostMapping("/state")
    @Operation(summary = "State heartbeat: shift, paper, OFD link, FN; and the FD numbers the OFD confirmed")
    Map<String, Object> state(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody StateReport state) throws InterruptedException {
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
        int recorded = delivered.isEmpty() ? 0 : receipts.delivered(session.accountId(), session.registerPk(), delivered);
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

    private static RegisterFacts validate(HelloRequest hello) {
        List<ApiError> problems = new ArrayList<>();
        if (hello.registerId() == null || RegisterId.parse(hello.registerId()).isEmpty()) {
            problems.add(ApiError.of("bad_register_id", "register_id",
                    "ID ККТ — 10 цифр с контрольной цифрой; проверьте, как он введён",
                    "A register ID is 10 digits with a check digit; check how it was typed"));
        }
        require(hello.serial(), "serial", problems);
        if (hello.serial() != null && hello.serial().length() > 32) {
            problems.add(ApiError.of("too_long", "serial", "Не более 32 символов", "At most 32 characters"));
        }
        HelloRequest.Fn fn = hello.fn();
        if (fn == null) {
            problems.add(ApiError.of("required", "fn", "Нет сведений о ФН", "FN data is required"));
        } else if (fn.number() == null || !fn.number().matches("\\d{16}")) {
            problems.add(ApiError.of("bad_format", "fn.number", "Номер ФН — 16 цифр", "An FN number is 16 digits"));
        }
        HelloRequest.Registration registration = hello.registration();
        int taxSystems = 0;
        if (registration == null) {
            problems.add(ApiError.of("required", "registration", "Нет сведений о регистрации ККТ",
                    "Registration data is required"));
        } else {
            if (registration.inn() == null || !InnCheck.isValid(registration.inn())) {
                problems.add(ApiError.of("bad_inn", "registration.inn", "Неверный ИНН", "Invalid INN"));
            }
            List<String> systems = registration.taxSystems() == null ? List.of() : registration.taxSystems();
            for (int i = 0; i < systems.size(); i++) {
                Optional<TaxSystem> system = TaxSystem.fromAtolName(systems.get(i));
                if (system.isEmpty()) {
                    problems.add(ApiError.of("unknown_value", "registration.tax_systems[" + i + "]",
                            "Неизвестная система налогообложения", "Unknown tax system"));
                } else {
                    taxSystems |= system.get().bit();
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        return new RegisterFacts(hello.serial(), truncate(hello.model(), 64), truncate(hello.firmware(), 32), fn.number(),
                fn.expiresAt(), truncate(fn.ffdVersion(), 8), truncate(registration.number(), 20), registration.inn(),
                taxSystems);
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

    private static void require(Object value, String field, List<ApiError> problems) {
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

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
