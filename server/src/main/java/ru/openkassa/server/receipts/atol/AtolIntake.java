package ru.openkassa.server.receipts.atol;

import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.ApiTokens;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.fleet.TokenCheck;
import ru.openkassa.server.platform.web.BodyTooLargeException;
import ru.openkassa.server.platform.web.RequestBodies;
import ru.openkassa.server.receipts.IntakeOutcome;
import ru.openkassa.server.receipts.ReceiptReport;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptsProperties;

/**
 * The steps of the ATOL protocol, apart from HTTP: a receipt registration from its path, token,
 * Content-Type and body to its answer, and the checks and error answers the other ATOL requests
 * share. Registration is the intake's hot path, served by {@link AtolIntakeHandler} ahead of the
 * servlet stack; the controller serves it the same way where that handler is not installed.
 */
@Component
class AtolIntake {

    private static final Logger log = LoggerFactory.getLogger(AtolIntake.class);

    private final ApiTokens tokens;
    private final FleetService fleet;
    private final ReceiptService receipts;
    private final ReceiptsProperties properties;
    private final Clock clock;

    AtolIntake(ApiTokens tokens, FleetService fleet, ReceiptService receipts, ReceiptsProperties properties, Clock clock) {
        this.tokens = tokens;
        this.fleet = fleet;
        this.receipts = receipts;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * {@code POST /possystem/{version}/{group}/{operation}}: checks in the order ATOL does (version,
     * token, group, operation, Content-Type, body) and queues the receipt. Never throws: every
     * outcome, a failure of this server included, is an answer in the protocol's shape.
     *
     * @param declaredLength the Content-Length, -1 when not declared
     */
    AtolAnswer register(String version, String group, String operation, String token, String contentType,
            long declaredLength, InputStream body) {
        try {
            AtolVersion atolVersion = version(version);
            RoutingGroup routing = authorize(token, group);
            Operation op = Operation.fromAtolName(operation).filter(o -> o.availableIn(atolVersion))
                    .orElseThrow(() -> new AtolFailure(AtolError.OPERATION_NOT_SUPPORTED));
            if (!RequestBodies.isJson(contentType)) {
                throw new AtolFailure(AtolError.UNSUPPORTED_MEDIA_TYPE);
            }
            byte[] bytes = RequestBodies.read(declaredLength, body, properties.maxBodyBytes());
            return switch (receipts.accept(routing, op, atolVersion, bytes)) {
                case IntakeOutcome.Accepted accepted -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("uuid", accepted.job().id().toString());
                    answer.put("timestamp", now());
                    answer.put("error", null);
                    answer.put("status", "wait");
                    yield new AtolAnswer(200, answer);
                }
                case IntakeOutcome.Duplicate duplicate -> failure(new AtolFailure(AtolError.EXTERNAL_ID_EXISTS,
                        AtolError.EXTERNAL_ID_EXISTS.text().formatted(duplicate.job().externalId(), group),
                        duplicate.job().id(), List.of()));
                case IntakeOutcome.Invalid invalid -> failure(validation(invalid.violations()));
                case IntakeOutcome.Malformed malformed -> failure(new AtolFailure(AtolError.BAD_REQUEST,
                        AtolError.BAD_REQUEST.text() + ": " + malformed.detail(), null, List.of()));
            };
        } catch (AtolFailure failure) {
            return failure(failure);
        } catch (BodyTooLargeException e) {
            return tooLarge(e.limit());
        } catch (RuntimeException e) {
            log.error("ATOL receipt registration failed", e);
            return failure(new AtolFailure(AtolError.SERVER_ERROR));
        }
    }

    /** The group a request may use: its token (header, else query) must be valid and the group its account's. */
    RoutingGroup authorize(String token, String groupCode) {
        ApiPrincipal principal = switch (tokens.check(token)) {
            case TokenCheck.Valid valid -> valid.principal();
            case TokenCheck.Expired expired -> throw new AtolFailure(AtolError.EXPIRED_TOKEN);
            case TokenCheck.Missing missing -> throw new AtolFailure(AtolError.MISSING_TOKEN);
        };
        // an unknown group and another account's group get the same answer: no probing of codes
        return fleet.findGroupByCode(groupCode).filter(principal::mayUse)
                .orElseThrow(() -> new AtolFailure(AtolError.GROUP_TOKEN_MISMATCH));
    }

    static AtolVersion version(String version) {
        return AtolVersion.fromPath(version).orElseThrow(() -> new AtolFailure(AtolError.BAD_REQUEST,
                "Неподдерживаемая версия протокола: " + version + " (поддерживаются v4 и v5)", null, List.of()));
    }

    /** The token of a request: the Token header unless blank, else the token query parameter. */
    static String token(String header, String query) {
        return header != null && !header.isBlank() ? header : query;
    }

    /** The time of an answer, as ATOL writes it, in the merchants' zone. */
    String now() {
        return OffsetDateTime.now(clock).atZoneSameInstant(properties.merchantZone()).format(ReceiptReport.ATOL_TIME);
    }

    AtolAnswer failure(AtolFailure failure) {
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
        return new AtolAnswer(failure.error().status().value(), body);
    }

    AtolAnswer tooLarge(long limit) {
        AtolAnswer base = failure(new AtolFailure(AtolError.BAD_REQUEST, "Размер запроса превышает " + limit + " байт",
                null, List.of()));
        return new AtolAnswer(413, base.body());
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
}
