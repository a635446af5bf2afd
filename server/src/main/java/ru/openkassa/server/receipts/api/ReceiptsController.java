package ru.openkassa.server.receipts.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import ru.openkassa.core.qr.ReceiptQr;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.platform.web.RequestBodies;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.IntakeOutcome;
import ru.openkassa.server.receipts.JobFilter;
import ru.openkassa.server.receipts.QrImage;
import ru.openkassa.server.receipts.JobState;
import ru.openkassa.server.receipts.PageCursor;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptsProperties;
import ru.openkassa.server.fleet.IssuedToken;
import ru.openkassa.server.fleet.ApiTokens;

/**
 * The native merchant API: the same receipts and queue as the ATOL-compatible one, with REST
 * resources, idempotent creation and one error shape that names every offending field.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Receipts (native API)")
class ReceiptsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGE = 500;

    private final ApiTokens tokens;
    private final ApiAuthentication authentication;
    private final FleetService fleet;
    private final ReceiptService receipts;
    private final ReceiptsProperties properties;

    ReceiptsController(ApiTokens tokens, ApiAuthentication authentication, FleetService fleet,
            ReceiptService receipts, ReceiptsProperties properties) {
        this.tokens = tokens;
        this.authentication = authentication;
        this.fleet = fleet;
        this.receipts = receipts;
        this.properties = properties;
    }

    record TokenRequest(String login, String password) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenResponse(String token, java.time.OffsetDateTime expiresAt) {
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a bearer token for the API login (valid 24 h)")
    TokenResponse token(@RequestBody TokenRequest request) {
        IssuedToken issued = tokens.issue(request.login(), request.password())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, ApiError.of("wrong_login", "login",
                        "Неверный логин или пароль", "Wrong login or password")));
        return new TokenResponse(issued.token(), issued.expiresAt());
    }

    @PostMapping("/receipts")
    @Operation(summary = "Create a receipt",
            description = "Body: {group, operation, external_id, timestamp, service, receipt | correction} with the "
                    + "fields of ATOL Online v5. Answers 201 with the new receipt, or 200 with the receipt already "
                    + "created for this external_id in the group (idempotent).")
    ResponseEntity<ReceiptView> create(@RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest request) {
        ApiPrincipal principal = authentication.principal(authorization);
        if (!RequestBodies.isJson(request)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of("unsupported_media_type", null,
                    "Ожидается Content-Type: application/json", "Content-Type application/json is expected"));
        }
        byte[] body = RequestBodies.read(request, properties.maxBodyBytes());
        JsonNode root = readRoot(body);
        List<ApiError> problems = new ArrayList<>();
        String groupCode = text(root, "group", problems);
        String operationName = text(root, "operation", problems);
        Optional<RoutingGroup> group = Optional.ofNullable(groupCode).flatMap(fleet::findGroupByCode)
                .filter(principal::mayUse);
        if (groupCode != null && group.isEmpty()) {
            problems.add(ApiError.of("group_not_found", "group", "Группа " + groupCode + " не найдена",
                    "Group " + groupCode + " not found"));
        }
        Optional<ru.openkassa.core.receipt.Operation> operation = Optional.ofNullable(operationName)
                .flatMap(ru.openkassa.core.receipt.Operation::fromAtolName);
        if (operationName != null && operation.isEmpty()) {
            problems.add(ApiError.of("unknown_value", "operation", "Неизвестная операция " + operationName,
                    "Unknown operation " + operationName));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        IntakeOutcome outcome = receipts.accept(group.get(), operation.get(), AtolVersion.V5, body);
        return switch (outcome) {
            case IntakeOutcome.Accepted accepted -> ResponseEntity
                    .created(URI.create("/api/v1/receipts/" + accepted.job().id()))
                    .body(view(accepted.job()));
            case IntakeOutcome.Duplicate duplicate -> ResponseEntity.ok()
                    .header("Location", "/api/v1/receipts/" + duplicate.job().id())
                    .body(view(duplicate.job()));
            case IntakeOutcome.Invalid invalid -> throw new ApiException(HttpStatus.BAD_REQUEST, invalid.violations()
                    .stream().map(v -> ApiError.of(v.code(), v.field(), v.messageRu(), v.messageEn())).toList());
            case IntakeOutcome.Malformed malformed -> throw malformed();
        };
    }

    @GetMapping("/receipts/{id}")
    @Operation(summary = "A receipt by its id")
    ReceiptView get(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id) {
        ApiPrincipal principal = authentication.principal(authorization);
        return parseUuid(id).flatMap(uuid -> receipts.find(principal.accountId(), uuid)).map(this::view)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ApiError.of("receipt_not_found", "id",
                        "Чек не найден", "Receipt not found")));
    }

    @GetMapping("/receipts")
    @Operation(summary = "Receipts of the account, newest first, with keyset paging",
            description = "Filter by group, external_id and state; pass next_cursor of a page as cursor for the next.")
    ReceiptPage list(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(required = false) String group,
            @Parameter(name = "external_id") @RequestParam(name = "external_id", required = false) String externalId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        ApiPrincipal principal = authentication.principal(authorization);
        List<ApiError> problems = new ArrayList<>();
        Long groupId = null;
        if (group != null) {
            Optional<RoutingGroup> found = fleet.findGroupByCode(group).filter(g -> g.accountId() == principal.accountId());
            if (found.isEmpty()) {
                problems.add(ApiError.of("group_not_found", "group", "Группа " + group + " не найдена",
                        "Group " + group + " not found"));
            } else {
                groupId = found.get().id();
            }
        }
        JobState jobState = null;
        if (state != null) {
            try {
                jobState = JobState.valueOf(state.toUpperCase());
            } catch (IllegalArgumentException e) {
                problems.add(ApiError.of("unknown_value", "state", "Неизвестное состояние " + state,
                        "Unknown state " + state));
            }
        }
        PageCursor after = null;
        if (cursor != null) {
            after = PageCursor.decode(cursor).orElse(null);
            if (after == null) {
                problems.add(ApiError.of("bad_format", "cursor", "Некорректный курсор", "Bad cursor"));
            }
        }
        if (limit < 1 || limit > MAX_PAGE) {
            problems.add(ApiError.of("out_of_range", "limit", "limit должен быть от 1 до " + MAX_PAGE,
                    "limit must be 1.." + MAX_PAGE));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        List<FiscalJob> page = receipts.page(principal.accountId(), new JobFilter(groupId, externalId, jobState),
                after, limit + 1);
        boolean more = page.size() > limit;
        List<FiscalJob> items = more ? page.subList(0, limit) : page;
        String next = more ? new PageCursor(items.getLast().acceptedAt(), items.getLast().id()).encode() : null;
        return new ReceiptPage(items.stream().map(this::view).toList(), next);
    }

    @GetMapping(path = "/receipts/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The receipt's QR code (t=…&s=…&fn=…&i=…&fp=…&n=…) as a PNG image, once it is fiscalized")
    ResponseEntity<byte[]> qr(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id) {
        ApiPrincipal principal = authentication.principal(authorization);
        FiscalJob job = parseUuid(id).flatMap(uuid -> receipts.find(principal.accountId(), uuid))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ApiError.of("receipt_not_found", "id",
                        "Чек не найден", "Receipt not found")));
        String qr = receipts.qr(job).map(ReceiptQr::toQrString)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, ApiError.of("not_fiscalized", "id",
                        "Чек ещё не фискализирован: QR-кода пока нет", "The receipt is not fiscalized yet: no QR code")));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrImage.png(qr, 320));
    }

    private ReceiptView view(FiscalJob job) {
        return ReceiptView.of(job, receipts.qr(job).map(ReceiptQr::toQrString).orElse(null));
    }

    private static JsonNode readRoot(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw malformed();
            }
            return root;
        } catch (JacksonException e) {
            throw malformed();
        }
    }

    private static String text(JsonNode root, String field, List<ApiError> problems) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            problems.add(ApiError.of("required", field, "Поле " + field + " обязательно", "Field " + field + " is required"));
            return null;
        }
        if (!value.isString()) {
            problems.add(ApiError.of("wrong_type", field, "Поле " + field + " должно быть строкой",
                    "Field " + field + " must be a string"));
            return null;
        }
        return value.stringValue();
    }

    private static ApiException malformed() {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("malformed_json", null,
                "Тело запроса не является JSON-объектом", "The request body is not a JSON object"));
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
