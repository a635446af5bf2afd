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
import ru.openkassa.server.fleet.DealerRequest;
import ru.openkassa.server.fleet.DealerRequest.Outcome;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/**
 * Dealers (service centres) and their clients, as the console's «Дилер» tab: under
 * {@code /api/v1/dealer} the dealer's side (clients, incoming requests, blocked applicants), under
 * {@code /api/v1/my-dealer} the client's side (its dealer and its requests). Entering a client is the
 * console's: an API token belongs to one account.
 */
@RestController
@Tag(name = "Dealers (admin API)")
class DealersController {

    private final ApiAuthentication authentication;
    private final DealerService dealers;
    private final FieldProblems problems;
    private final AuditLog audit;

    DealersController(ApiAuthentication authentication, DealerService dealers, FieldProblems problems, AuditLog audit) {
        this.authentication = authentication;
        this.dealers = dealers;
        this.problems = problems;
        this.audit = audit;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AccountView(String number, String name) {

        static AccountView of(Account account) {
            return account == null ? null : new AccountView(account.number(), account.name());
        }
    }

    /** @param state pending, accepted, rejected or cancelled */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RequestView(long id, AccountView client, AccountView dealer, String state, boolean blocked, String requestedBy,
            OffsetDateTime requestedAt) {

        static RequestView of(DealerRequest r) {
            return new RequestView(r.id(), AccountView.of(r.client()), AccountView.of(r.dealer()),
                    r.state().name().toLowerCase(Locale.ROOT), r.blocked(), r.requestedBy(), r.requestedAt());
        }
    }

    // ---- the dealer's side

    @GetMapping("/api/v1/dealer/clients")
    @Operation(summary = "Client accounts the dealer serves")
    List<AccountView> clients(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return dealers.clients(dealer(authorization).accountId()).stream().map(AccountView::of).toList();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewClient(String name) {
    }

    @PostMapping(path = "/api/v1/dealer/clients", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a client account served by the dealer; the server issues its number")
    ResponseEntity<AccountView> createClient(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody NewClient request) {
        ApiPrincipal principal = dealer(authorization);
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > 256) {
            throw problems.refusal(HttpStatus.BAD_REQUEST, "required", "name", "dealer.client.name.required");
        }
        Account client = dealers.createClient(principal.accountId(), name);
        record(principal, "dealer.client-created", client);
        return ResponseEntity.created(URI.create("/api/v1/dealer/clients/" + client.number())).body(AccountView.of(client));
    }

    @DeleteMapping("/api/v1/dealer/clients/{number}")
    @Operation(summary = "Delete (close) a client account the dealer serves; refused while it has registers in use")
    ResponseEntity<Void> closeClient(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String number) {
        ApiPrincipal principal = dealer(authorization);
        Account client = dealers.clients(principal.accountId()).stream().filter(a -> a.number().equals(number)).findFirst()
                .orElseThrow(DealersController::clientNotFound);
        answer(dealers.closeClient(principal.accountId(), client.id()), "number");
        record(principal, "dealer.client-deleted", client);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/dealer/requests")
    @Operation(summary = "Requests waiting for the dealer's answer")
    List<RequestView> incoming(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return dealers.incoming(dealer(authorization).accountId()).stream().map(RequestView::of).toList();
    }

    @PostMapping("/api/v1/dealer/requests/{id}/accept")
    @Operation(summary = "Accept a request: the dealer serves the client from now on")
    ResponseEntity<Void> accept(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = dealer(authorization);
        DealerRequest request = pending(principal, id);
        answer(dealers.accept(principal.accountId(), id), "id");
        record(principal, "dealer.client-accepted", request.client());
        return ResponseEntity.noContent().build();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Rejection(Boolean block) {
    }

    @PostMapping("/api/v1/dealer/requests/{id}/reject")
    @Operation(summary = "Reject a request; with \"block\": true the client's later requests to this dealer are refused")
    ResponseEntity<Void> reject(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id, @RequestBody(required = false) Rejection rejection) {
        ApiPrincipal principal = dealer(authorization);
        DealerRequest request = pending(principal, id);
        boolean block = rejection != null && Boolean.TRUE.equals(rejection.block());
        answer(dealers.reject(principal.accountId(), id, block), "id");
        record(principal, block ? "dealer.client-blocked" : "dealer.client-rejected", request.client());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/dealer/blocked")
    @Operation(summary = "Accounts whose requests the dealer blocked")
    List<AccountView> blocked(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return dealers.blocked(dealer(authorization).accountId()).stream().map(r -> AccountView.of(r.client())).toList();
    }

    @DeleteMapping("/api/v1/dealer/blocked/{number}")
    @Operation(summary = "Unblock an account: it may ask the dealer again")
    ResponseEntity<Void> unblock(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String number) {
        ApiPrincipal principal = dealer(authorization);
        Account client = dealers.blocked(principal.accountId()).stream().map(DealerRequest::client)
                .filter(a -> a.number().equals(number)).findFirst().orElseThrow(DealersController::clientNotFound);
        answer(dealers.unblock(principal.accountId(), client.id()), "number");
        record(principal, "dealer.client-unblocked", client);
        return ResponseEntity.noContent().build();
    }

    // ---- the client's side

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MyDealerView(AccountView dealer, List<RequestView> requests) {
    }

    @GetMapping("/api/v1/my-dealer")
    @Operation(summary = "The dealer serving this account (null when none) and the account's requests to dealers, newest first")
    MyDealerView myDealer(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        return new MyDealerView(AccountView.of(dealers.dealerOf(principal.accountId()).orElse(null)),
                dealers.requestsOf(principal.accountId()).stream().map(RequestView::of).toList());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewRequest(String dealerNumber) {
    }

    @PostMapping(path = "/api/v1/my-dealer/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask a dealer (by its account number) to serve this account; only while no dealer does")
    ResponseEntity<RequestView> request(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody NewRequest request) {
        ApiPrincipal principal = authentication.principal(authorization);
        String number = request.dealerNumber() == null ? "" : request.dealerNumber().trim();
        answer(dealers.request(principal.accountId(), number, principal.login()), "dealer_number");
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "dealer.requested", number);
        DealerRequest sent = dealers.requestsOf(principal.accountId()).getFirst();
        return ResponseEntity.created(URI.create("/api/v1/my-dealer")).body(RequestView.of(sent));
    }

    @PostMapping("/api/v1/my-dealer/requests/{id}/cancel")
    @Operation(summary = "Cancel a request the dealer has not answered yet")
    ResponseEntity<Void> cancel(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long id) {
        ApiPrincipal principal = authentication.principal(authorization);
        answer(dealers.cancel(principal.accountId(), id), "id");
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "dealer.request-cancelled", null);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/my-dealer")
    @Operation(summary = "Disconnect from the dealer serving this account")
    ResponseEntity<Void> disconnect(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        Account dealer = dealers.dealerOf(principal.accountId()).orElseThrow(() -> notFound("dealer_not_found", null,
                "Учётную запись не обслуживает дилер", "No dealer serves this account"));
        answer(dealers.disconnect(principal.accountId()), "dealer");
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "dealer.disconnected",
                dealer.name() + " (" + dealer.number() + ")");
        return ResponseEntity.noContent().build();
    }

    // ----

    /** The caller's account must work as a dealer: any other gets 403 with a code to act on. */
    private ApiPrincipal dealer(String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        if (!dealers.isDealer(principal.accountId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ApiError.of("not_a_dealer", null,
                    "Учётная запись не работает как дилер", "The account does not work as a dealer"));
        }
        return principal;
    }

    private DealerRequest pending(ApiPrincipal principal, long id) {
        return dealers.incoming(principal.accountId()).stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> notFound("request_not_found", "id", "Заявка не найдена", "Request not found"));
    }

    /** Ends the request unless it was done: the console's message for each outcome, with a stable code. */
    private void answer(Outcome outcome, String field) {
        HttpStatus status = switch (outcome) {
            case DONE -> null;
            case NOT_FOUND -> throw notFound("not_found", field, "Не найдено", "Not found");
            case NO_SUCH_DEALER, SELF -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        if (status != null) {
            throw problems.refusal(status, outcome.name().toLowerCase(Locale.ROOT), field, "dealer." + outcome.name());
        }
    }

    private void record(ApiPrincipal principal, String action, Account client) {
        audit.record(principal.accountId(), principal.accountId(), principal.login(), action,
                client.name() + " (" + client.number() + ")");
    }

    private static ApiException clientNotFound() {
        return notFound("client_not_found", "number", "Клиент не найден", "Client not found");
    }

    private static ApiException notFound(String code, String field, String ru, String en) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of(code, field, ru, en));
    }
}
