package ru.openkassa.server.fleet.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.Account;
import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RegisterTransfer;
import ru.openkassa.server.fleet.RegisterTransfers;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/**
 * Moving a register to another account: the owner offers it by the other account's number, that
 * account accepts it into one of its legal entities or rejects it. The register keeps its ID and
 * serial; its receipts stay with the account that owned it when they were made.
 */
@RestController
@Tag(name = "Register transfers (admin API)")
class TransfersController {

    private final ApiAuthentication authentication;
    private final RegisterTransfers transfers;
    private final RegisterService registers;
    private final FleetService fleet;
    private final FieldProblems problems;
    private final AuditLog audit;

    TransfersController(ApiAuthentication authentication, RegisterTransfers transfers, RegisterService registers,
            FleetService fleet, FieldProblems problems, AuditLog audit) {
        this.authentication = authentication;
        this.transfers = transfers;
        this.registers = registers;
        this.fleet = fleet;
        this.problems = problems;
        this.audit = audit;
    }

    /** @param state offered, accepted, rejected or cancelled */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TransferView(long id, long register, String registerName, String registerId, String fromNumber,
            String fromName, String toNumber, String toName, String state, String offeredBy, OffsetDateTime offeredAt) {

        static TransferView of(RegisterTransfer t) {
            return new TransferView(t.id(), t.registerPk(), t.registerName(), t.registerId(), t.from().number(),
                    t.from().name(), t.to().number(), t.to().name(), t.state().name().toLowerCase(Locale.ROOT),
                    t.offeredBy(), t.offeredAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Offer(String accountNumber) {
    }

    @PostMapping(path = "/api/v1/registers/{id}/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Offer a register to another account (by its number); it moves when that account accepts")
    ResponseEntity<TransferView> offer(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id, @RequestBody Offer request) {
        ApiPrincipal principal = authentication.principal(authorization);
        Register register = registers.find(principal.accountId(), id).orElseThrow(TransfersController::registerNotFound);
        String number = request.accountNumber() == null ? "" : request.accountNumber().trim();
        answer(transfers.offer(principal.accountId(), id, number, principal.login()), "account_number");
        record(principal, principal.accountId(), "register.transfer-offered", register.label() + " → " + number);
        RegisterTransfer offered = transfers.pending(principal.accountId(), id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/registers/" + id + "/transfer")).body(TransferView.of(offered));
    }

    @GetMapping("/api/v1/registers/{id}/transfer")
    @Operation(summary = "The register's offer waiting for an answer")
    TransferView pending(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        return transfers.pending(principal.accountId(), id).map(TransferView::of)
                .orElseThrow(TransfersController::transferNotFound);
    }

    @DeleteMapping("/api/v1/registers/{id}/transfer")
    @Operation(summary = "Cancel the register's offer")
    ResponseEntity<Void> cancel(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        Register register = registers.find(principal.accountId(), id).orElseThrow(TransfersController::registerNotFound);
        RegisterTransfer offer = transfers.pending(principal.accountId(), id).orElseThrow(TransfersController::transferNotFound);
        if (!transfers.cancel(principal.accountId(), offer.id(), principal.login())) {
            throw transferNotFound();
        }
        record(principal, principal.accountId(), "register.transfer-cancelled", register.label());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/transfers")
    @Operation(summary = "Registers other accounts offer to this one, waiting for an answer")
    List<TransferView> incoming(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return transfers.incoming(authentication.principal(authorization).accountId()).stream().map(TransferView::of).toList();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Acceptance(String legalEntityInn) {
    }

    @PostMapping(path = "/api/v1/transfers/{id}/accept", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Accept a register into one of this account's legal entities; refused while it holds unfinished receipts")
    ResponseEntity<Void> accept(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id, @RequestBody Acceptance request) {
        ApiPrincipal principal = authentication.principal(authorization);
        RegisterTransfer transfer = transfers.findIncoming(principal.accountId(), id)
                .orElseThrow(TransfersController::transferNotFound);
        long entity = request.legalEntityInn() == null ? 0
                : fleet.findLegalEntityByInn(principal.accountId(), request.legalEntityInn().trim()).orElse(0L);
        answer(transfers.accept(principal.accountId(), id, entity, principal.login()), "legal_entity_inn");
        String what = transfer.registerName() + " (" + transfer.registerId() + ")";
        Account to = fleet.findAccount(principal.accountId()).orElseThrow();
        record(principal, principal.accountId(), "register.moved-in",
                what + " ← " + transfer.from().name() + " (" + transfer.from().number() + ")");
        // in the old owner's log the actor is a login of the receiving account
        record(principal, transfer.from().id(), "register.moved-out", what + " → " + to.name() + " (" + to.number() + ")");
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/transfers/{id}/reject")
    @Operation(summary = "Reject a register offered to this account")
    ResponseEntity<Void> reject(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        RegisterTransfer transfer = transfers.findIncoming(principal.accountId(), id)
                .orElseThrow(TransfersController::transferNotFound);
        if (!transfers.reject(principal.accountId(), id, principal.login())) {
            throw transferNotFound();
        }
        record(principal, transfer.from().id(), "register.transfer-rejected",
                transfer.registerName() + " (" + transfer.registerId() + ")");
        return ResponseEntity.noContent().build();
    }

    /** Ends the request unless the offer was made or the register moved, with the console's message. */
    private void answer(RegisterTransfer.Outcome outcome, String field) {
        switch (outcome) {
            case OFFERED, MOVED -> { }
            case NOT_FOUND -> throw transferNotFound();
            case REGISTER_RETIRED -> throw problems.refusal(HttpStatus.CONFLICT, "register_retired", "id",
                    "transfer.REGISTER_RETIRED");
            case ALREADY_OFFERED -> throw problems.refusal(HttpStatus.CONFLICT, "already_offered", "id",
                    "transfer.ALREADY_OFFERED");
            case UNFINISHED_RECEIPTS -> throw problems.refusal(HttpStatus.CONFLICT, "unfinished_receipts", "id",
                    "transfer.unfinished");
            default -> throw problems.refusal(HttpStatus.BAD_REQUEST, outcome.name().toLowerCase(Locale.ROOT), field,
                    "transfer." + outcome.name());
        }
    }

    private void record(ApiPrincipal principal, long accountId, String action, String target) {
        audit.record(accountId, principal.accountId(), principal.login(), action, target);
    }

    private static ApiException registerNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("register_not_found", "id", "ККТ не найдена",
                "Register not found"));
    }

    private static ApiException transferNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("transfer_not_found", "id", "Передача не найдена",
                "Transfer not found"));
    }
}
