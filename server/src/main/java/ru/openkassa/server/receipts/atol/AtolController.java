package ru.openkassa.server.receipts.atol;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.web.BodyTooLargeException;
import ru.openkassa.server.platform.web.RequestBodies;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.ReceiptReport;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptsProperties;
import ru.openkassa.server.fleet.IssuedToken;
import ru.openkassa.server.fleet.ApiTokens;

/**
 * ATOL Online v4/v5 compatible merchant API: a store's ATOL client works by changing only its
 * base URL. Paths, field names, statuses, timestamps and error codes follow the ATOL protocol.
 */
@RestController
@RequestMapping("/possystem/{version}")
@Tag(name = "ATOL Online compatible API", description = "getToken, receipt registration and report, v4 and v5")
class AtolController {

    private static final Logger log = LoggerFactory.getLogger(AtolController.class);

    private final ApiTokens tokens;
    private final AtolIntake intake;
    private final ReceiptService receipts;
    private final ReceiptsProperties properties;
    private final Clock clock;

    AtolController(ApiTokens tokens, AtolIntake intake, ReceiptService receipts, ReceiptsProperties properties,
            Clock clock) {
        this.tokens = tokens;
        this.intake = intake;
        this.receipts = receipts;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/getToken")
    @Operation(summary = "Token by login and password (JSON body {login, pass}); valid 24 h")
    ResponseEntity<Map<String, Object>> getToken(@PathVariable String version, HttpServletRequest request) {
        AtolIntake.version(version);
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
        AtolIntake.version(version);
        return token(login, pass);
    }

    private ResponseEntity<Map<String, Object>> token(String login, String pass) {
        IssuedToken issued = tokens.issue(login, pass).orElseThrow(() -> new AtolFailure(AtolError.WRONG_LOGIN));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", null);
        body.put("token", issued.token());
        body.put("timestamp", intake.now());
        return ResponseEntity.ok(body);
    }

    /**
     * On a running server {@link AtolIntakeHandler} answers this path before the servlet stack is
     * reached; the mapping serves it where that handler is off ({@code openkassa.atol.direct-intake})
     * and describes it in the OpenAPI document.
     */
    @PostMapping("/{group}/{operation}")
    @Operation(summary = "Register a receipt or a correction receipt: sell, sell_refund, buy, buy_refund, "
            + "sell_correction, buy_correction (v5 also sell_refund_correction, buy_refund_correction)")
    ResponseEntity<Map<String, Object>> register(@PathVariable String version, @PathVariable String group,
            @PathVariable String operation, @RequestHeader(name = "Token", required = false) String tokenHeader,
            @RequestParam(name = "token", required = false) String tokenQuery, HttpServletRequest request)
            throws IOException {
        try (InputStream body = request.getInputStream()) {
            return intake.register(version, group, operation, AtolIntake.token(tokenHeader, tokenQuery),
                    request.getContentType(), request.getContentLengthLong(), body).entity();
        }
    }

    @GetMapping("/{group}/report/{uuid}")
    @Operation(summary = "Processing result of a receipt (the same body is sent to callback_url)")
    ResponseEntity<Map<String, Object>> report(@PathVariable String version, @PathVariable String group,
            @PathVariable String uuid, @RequestHeader(name = "Token", required = false) String tokenHeader,
            @RequestParam(name = "token", required = false) String tokenQuery) {
        AtolIntake.version(version);
        RoutingGroup routing = intake.authorize(AtolIntake.token(tokenHeader, tokenQuery), group);
        FiscalJob job = parseUuid(uuid).flatMap(id -> receipts.findInGroup(routing, id))
                .orElseThrow(() -> new AtolFailure(AtolError.MISSING_UUID));
        return ResponseEntity.ok(ReceiptReport.of(job, properties.merchantZone(), OffsetDateTime.now(clock)));
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @ExceptionHandler(AtolFailure.class)
    ResponseEntity<Map<String, Object>> failure(AtolFailure failure) {
        return intake.failure(failure).entity();
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
        return intake.tooLarge(e.limit()).entity();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("ATOL request failed", e);
        return failure(new AtolFailure(AtolError.SERVER_ERROR));
    }
}
