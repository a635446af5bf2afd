package ru.openkassa.server.receipts.atol;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.web.BodyTooLargeException;
import ru.openkassa.server.platform.web.RequestBodies;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.IntakeOutcome;
import ru.openkassa.server.receipts.ReceiptReport;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptsProperties;
import ru.openkassa.server.fleet.IssuedToken;
import ru.openkassa.server.fleet.ApiTokens;
import ru.openkassa.server.fleet.TokenCheck;

/**
 * ATOL Online v4/v5 compatible merchant API: a store's ATOL client works by changing only its
 * base URL. Paths, field names, statuses, timestamps and error codes follow the ATOL protocol.
 */
@RestController
@RequestMapping("/possystem/{version}")
@Tag(name = "ATOL Online compatible API", description = "getToken, receipt registration and report, v4 and v5")
class AtolController {

    private static final Logger log = LoggerFactory.getLogger(AtolController.class);
    private static final DateTimeFormatter ATOL_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private final ApiTokens tokens;
    private final FleetService fleet;
    private final ReceiptService receipts;
    private final ReceiptsProperties properties;
    private final Clock clock;

    AtolController(ApiTokens tokens, FleetService fleet, ReceiptService receipts, ReceiptsProperties properties,
            Clock clock) {
        this.tokens = tokens;
        this.fleet = fleet;
        this.receipts = receipts;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/getToken")
    @Operation(summary = "Token by login and password (JSON body {login, pass}); valid 24 h")
    ResponseEntity<Map<String, Object>> getToken(@PathVariable String version, HttpServletRequest request) {
        version(version);
        if (!RequestBodies.isJson(request)) {
            throw new AtolFailure(AtolError.UNSUPPORTED_MEDIA_TYPE);
        }
        Map<String, String> credentials = AtolJson.readCredentials(RequestBodies.read(request, properties.maxBodyBytes()))
                .orElseThrow(() -> new AtolFailure(AtolError.BAD_REQUEST));
        return token(credentials.get("login"), credentials.get("pass"));
    }

    @GetMapping("/getToken")
    @Operation(summary = "Token by login and password in the query (?login=&pass=); valid 24 h")
    ResponseEntity<Map<String, Object>> getTokenByQuery(@PathVariable String version,
            @RequestParam(required = false) String login, @RequestParam(required = false) String pass) {
        version(version);
        return token(login, pass);
    }

    private ResponseEntity<Map<String, Object>> token(String login, String pass) {
        IssuedToken issued = tokens.issue(login, pass).orElseThrow(() -> new AtolFailure(AtolError.WRONG_LOGIN));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", null);
        body.put("token", issued.token());
        body.put("timestamp", now());
        return ResponseEntity.ok(body);
    }

    @PostMapping("/{group}/{operation}")
    @Operation(summary = "Register a receipt or a correction receipt: sell, sell_refund, buy, buy_refund, "
            + "sell_correction, buy_correction (v5 also sell_refund_correction, buy_refund_correction)")
    ResponseEntity<Map<String, Object>> register(@PathVariable String version, @PathVariable String group,
            @PathVariable String operation, @RequestHeader(name = "Token", required = false) String tokenHeader,
            @RequestParam(name = "token", required = false) String tokenQuery, HttpServletRequest request) {
        AtolVersion atolVersion = version(version);
        RoutingGroup routing = authorize(tokenHeader, tokenQuery, group);
        ru.openkassa.core.receipt.Operation op = ru.openkassa.core.receipt.Operation.fromAtolName(operation)
                .filter(o -> o.availableIn(atolVersion))
                .orElseThrow(() -> new AtolFailure(AtolError.OPERATION_NOT_SUPPORTED));
        if (!RequestBodies.isJson(request)) {
            throw new AtolFailure(AtolError.UNSUPPORTED_MEDIA_TYPE);
        }
        byte[] body = RequestBodies.read(request, properties.maxBodyBytes());
        IntakeOutcome outcome = receipts.accept(routing, op, atolVersion, body);
        return switch (outcome) {
            case IntakeOutcome.Accepted accepted -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("uuid", accepted.job().id().toString());
                answer.put("timestamp", now());
                answer.put("error", null);
                answer.put("status", "wait");
                yield ResponseEntity.ok(answer);
            }
            case IntakeOutcome.Duplicate duplicate -> throw new AtolFailure(AtolError.EXTERNAL_ID_EXISTS,
                    AtolError.EXTERNAL_ID_EXISTS.text().formatted(duplicate.job().externalId(), group),
                    duplicate.job().id(), List.of());
            case IntakeOutcome.Invalid invalid -> throw validation(invalid.violations());
            case IntakeOutcome.Malformed malformed -> throw new AtolFailure(AtolError.BAD_REQUEST,
                    AtolError.BAD_REQUEST.text() + ": " + malformed.detail(), null, List.of());
        };
    }

    @GetMapping("/{group}/report/{uuid}")
    @Operation(summary = "Processing result of a receipt (the same body is sent to callback_url)")
    ResponseEntity<Map<String, Object>> report(@PathVariable String version, @PathVariable String group,
            @PathVariable String uuid, @RequestHeader(name = "Token", required = false) String tokenHeader,
            @RequestParam(name = "token", required = false) String tokenQuery) {
        version(version);
        RoutingGroup routing = authorize(tokenHeader, tokenQuery, group);
        FiscalJob job = parseUuid(uuid).flatMap(id -> receipts.findInGroup(routing, id))
                .orElseThrow(() -> new AtolFailure(AtolError.MISSING_UUID));
        return ResponseEntity.ok(ReceiptReport.of(job, properties.merchantZone(), OffsetDateTime.now(clock)));
    }

    private RoutingGroup authorize(String tokenHeader, String tokenQuery, String groupCode) {
        String token = tokenHeader != null && !tokenHeader.isBlank() ? tokenHeader : tokenQuery;
        ApiPrincipal principal = switch (tokens.check(token)) {
            case TokenCheck.Valid valid -> valid.principal();
            case TokenCheck.Expired expired -> throw new AtolFailure(AtolError.EXPIRED_TOKEN);
            case TokenCheck.Missing missing -> throw new AtolFailure(AtolError.MISSING_TOKEN);
        };
        // an unknown group and another account's group get the same answer: no probing of codes
        return fleet.findGroupByCode(groupCode).filter(principal::mayUse)
                .orElseThrow(() -> new AtolFailure(AtolError.GROUP_TOKEN_MISMATCH));
    }

    private static AtolVersion version(String version) {
        return AtolVersion.fromPath(version).orElseThrow(() -> new AtolFailure(AtolError.BAD_REQUEST,
                "Неподдерживаемая версия протокола: " + version + " (поддерживаются v4 и v5)", null, List.of()));
    }

    private static AtolFailure validation(List<Violation> violations) {
        String fields = violations.stream().map(v -> v.field() + " (" + v.code() + ": " + v.messageRu() + ")")
                .collect(Collectors.joining("; "));
        List<Map<String, String>> details = violations.stream()
                .map(v -> Map.of("field", v.field(), "code", v.code(), "text", v.messageRu(), "text_en", v.messageEn()))
                .toList();
        return new AtolFailure(AtolError.VALIDATION, AtolError.VALIDATION.text() + ". Ошибочные поля: " + fields,
                null, details);
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String now() {
        return OffsetDateTime.now(clock).atZoneSameInstant(properties.merchantZone()).format(ATOL_TIME);
    }

    @ExceptionHandler(AtolFailure.class)
    ResponseEntity<Map<String, Object>> failure(AtolFailure failure) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_id", UUID.randomUUID().toString());
        error.put("code", failure.error().code());
        error.put("text", failure.text());
        error.put("type", "system");
        if (!failure.details().isEmpty()) {
            // not in the ATOL protocol: every problem with its field, for people; ATOL clients ignore it
            error.put("details", failure.details());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (failure.uuid() != null) {
            body.put("uuid", failure.uuid().toString());
        }
        body.put("error", error);
        body.put("status", failure.error() == AtolError.EXTERNAL_ID_EXISTS ? "wait" : "fail");
        body.put("timestamp", now());
        return ResponseEntity.status(failure.error().status()).body(body);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
        ResponseEntity<Map<String, Object>> base = failure(new AtolFailure(AtolError.BAD_REQUEST,
                "Размер запроса превышает " + e.limit() + " байт", null, List.of()));
        return ResponseEntity.status(413).body(base.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("ATOL request failed", e);
        return failure(new AtolFailure(AtolError.SERVER_ERROR));
    }
}
