package ru.openkassa.server.fleet.api;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/** Registers of the caller's account: add (the server issues the register ID), look up, re-issue the ID, retire. */
@RestController
@RequestMapping("/api/v1/registers")
@Tag(name = "Registers (admin API)")
class RegistersController {

    static final String HOW_TO_ENTER = "Введите ID на ККТ: ПРОГРАММИРОВАНИЕ → СЕРВ. ККТ → ID КАССЫ"
            + " / Enter the ID on the register: PROGRAMMING → KKT SERVER → REGISTER ID";

    private final ApiAuthentication authentication;
    private final RegisterService registers;
    private final FleetService fleet;
    private final AuditLog audit;

    RegistersController(ApiAuthentication authentication, RegisterService registers, FleetService fleet, AuditLog audit) {
        this.authentication = authentication;
        this.registers = registers;
        this.fleet = fleet;
        this.audit = audit;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewRegister(String name, String legalEntityInn, List<String> groups, String timezone) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterView(long id, String registerId, String howToEnter, String name, String legalEntityInn,
            List<String> groups, String timezone, String serial, String model, String firmware, String fnNumber,
            LocalDate fnExpiresAt, String ffdVersion, String registrationNumber, String registrationInn,
            OffsetDateTime createdAt, OffsetDateTime firstSeenAt, OffsetDateTime retiredAt) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a register: the server issues its register ID")
    ResponseEntity<RegisterView> create(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody NewRegister request) {
        ApiPrincipal principal = authentication.principal(authorization);
        List<ApiError> problems = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 128) {
            problems.add(ApiError.of("required", "name", "Укажите название ККТ (до 128 символов)",
                    "Give the register a name (up to 128 characters)"));
        }
        Long entity = null;
        if (request.legalEntityInn() == null) {
            problems.add(ApiError.of("required", "legal_entity_inn", "Укажите ИНН организации", "The legal entity INN is required"));
        } else {
            entity = fleet.findLegalEntityByInn(principal.accountId(), request.legalEntityInn()).orElse(null);
            if (entity == null) {
                problems.add(ApiError.of("legal_entity_not_found", "legal_entity_inn",
                        "Организация с ИНН " + request.legalEntityInn() + " не найдена",
                        "No legal entity with INN " + request.legalEntityInn()));
            }
        }
        ZoneId zone = ZoneId.of("Europe/Moscow");
        if (request.timezone() != null) {
            try {
                zone = ZoneId.of(request.timezone());
            } catch (DateTimeException e) {
                problems.add(ApiError.of("unknown_value", "timezone", "Неизвестный часовой пояс", "Unknown time zone"));
            }
        }
        List<Long> groupIds = new ArrayList<>();
        List<String> codes = request.groups() == null ? List.of() : request.groups();
        for (int i = 0; i < codes.size(); i++) {
            RoutingGroup group = fleet.findGroupByCode(codes.get(i)).filter(g -> g.accountId() == principal.accountId())
                    .orElse(null);
            if (group == null) {
                problems.add(ApiError.of("group_not_found", "groups[" + i + "]", "Группа " + codes.get(i) + " не найдена",
                        "Group " + codes.get(i) + " not found"));
            } else if (entity != null && group.legalEntityId() != entity) {
                problems.add(ApiError.of("group_of_another_entity", "groups[" + i + "]",
                        "Группа " + group.code() + " принадлежит другой организации",
                        "Group " + group.code() + " belongs to another legal entity"));
            } else {
                groupIds.add(group.id());
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        Register register = registers.create(principal.accountId(), entity, request.name().trim(), zone, groupIds);
        record(principal, "register.created", register);
        return ResponseEntity.created(URI.create("/api/v1/registers/" + register.id())).body(view(register));
    }

    @GetMapping
    @Operation(summary = "Registers of the account")
    List<RegisterView> list(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        return registers.list(principal.accountId()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One register, with its register ID")
    RegisterView get(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        return registers.find(principal.accountId(), id).map(this::view).orElseThrow(RegistersController::notFound);
    }

    @PostMapping("/{id}/reissue-id")
    @Operation(summary = "Issue a new register ID: the old one stops working at once; the register must be reprogrammed")
    RegisterView reissue(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        Register old = registers.find(principal.accountId(), id).filter(r -> !r.isRetired())
                .orElseThrow(RegistersController::notFound);
        Register reissued = registers.reissueId(principal.accountId(), id);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "register.id-reissued",
                reissued.name() + " " + old.registerId() + " → " + reissued.registerId());
        return view(reissued);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Retire a register: its ID stops working; its receipts stay")
    ResponseEntity<Void> retire(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        Register register = registers.find(principal.accountId(), id).orElseThrow(RegistersController::notFound);
        if (registers.retire(principal.accountId(), id)) {
            record(principal, "register.retired", register);
        }
        return ResponseEntity.noContent().build();
    }

    /** The audit log names the API login as the actor. */
    private void record(ApiPrincipal principal, String action, Register register) {
        audit.record(principal.accountId(), principal.accountId(), principal.login(), action,
                register.label());
    }

    private RegisterView view(Register r) {
        List<String> groups = r.groupIds().stream()
                .map(g -> fleet.findGroup(r.accountId(), g).map(RoutingGroup::code).orElse(null))
                .filter(java.util.Objects::nonNull).sorted().toList();
        return new RegisterView(r.id(), r.registerId(), HOW_TO_ENTER, r.name(), r.entityInn(), groups, r.timezone().getId(),
                r.serial(), r.model(), r.firmware(), r.fnNumber(), r.fnExpiresAt(), r.ffdVersion(), r.registrationNumber(),
                r.registrationInn(), r.createdAt(), r.firstSeenAt(), r.retiredAt());
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("register_not_found", "id", "ККТ не найдена",
                "Register not found"));
    }
}
