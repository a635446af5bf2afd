package ru.openkassa.server.devices;

import static ru.openkassa.server.devices.DeviceCalls.require;
import static ru.openkassa.server.devices.DeviceCalls.truncate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.core.validation.InnCheck;
import ru.openkassa.server.fleet.HelloOutcome;
import ru.openkassa.server.fleet.RegisterFacts;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/**
 * The device API: how registers (virtual, or agents of real ones) talk to the server. See
 * docs/device-api.md. The frequent calls are {@link DeviceCalls}; {@link DeviceCallHandler} answers
 * them in front of the servlet stack, and these mappings where it is off and in the API's description.
 */
@RestController
@RequestMapping("/device/v1")
@Tag(name = "Device API", description = "hello, tasks long-poll, ack, result, state heartbeat")
class DeviceController {

    private final RegisterService registers;
    private final DeviceSessions sessions;
    private final DeviceCalls calls;
    private final DeviceAdmission admission;
    private final Clock clock;

    DeviceController(RegisterService registers, DeviceSessions sessions, DeviceCalls calls, DeviceAdmission admission,
            Clock clock) {
        this.registers = registers;
        this.sessions = sessions;
        this.calls = calls;
        this.admission = admission;
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
                body.put("poll_wait_seconds", DeviceCalls.DEFAULT_WAIT_SECONDS);
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
            @RequestParam(defaultValue = "" + DeviceCalls.DEFAULT_WAIT_SECONDS) int wait) throws InterruptedException {
        return calls.tasks(authorization, wait);
    }

    @PostMapping("/tasks/{id}/ack")
    @Operation(summary = "Take a task: from now on only this register's result decides the receipt")
    Map<String, Object> ack(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id) throws InterruptedException {
        return calls.ack(authorization, id);
    }

    @PostMapping("/tasks/{id}/result")
    @Operation(summary = "Report the fiscal data of a task, or the error that kept the register from fiscalizing it")
    Map<String, Object> result(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id, @RequestParam(defaultValue = "0") int next, @RequestBody TaskResult result)
            throws InterruptedException {
        return calls.result(authorization, id, next, result);
    }

    @PostMapping("/state")
    @Operation(summary = "State heartbeat: shift, paper, OFD link, FN; and the FD numbers the OFD confirmed")
    Map<String, Object> state(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody StateReport state) throws InterruptedException {
        return calls.state(authorization, state);
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
}
