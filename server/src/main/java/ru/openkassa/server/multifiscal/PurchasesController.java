package ru.openkassa.server.multifiscal;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.platform.web.RequestBodies;
import ru.openkassa.server.receipts.ReceiptsProperties;

/**
 * Multi-fiscal purchases in the native API: one purchase of goods of several legal entities, one
 * receipt per entity, the payments divided by the rules of UKM 5's multi-fiscal mode; refunds
 * through the same resource.
 */
@RestController
@RequestMapping("/api/v1/purchases")
@Tag(name = "Multi-fiscal purchases (native API)")
class PurchasesController {

    private final ApiAuthentication authentication;
    private final PurchaseService purchases;
    private final ReceiptsProperties properties;

    PurchasesController(ApiAuthentication authentication, PurchaseService purchases, ReceiptsProperties properties) {
        this.authentication = authentication;
        this.purchases = purchases;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Create a multi-fiscal purchase",
            description = "Body: {external_id, timestamp, client, items (ATOL v5 item fields + entity_inn), "
                    + "payments [{means, sum}] in the order taken, payment_order?, terminals?, entities?, service?}. "
                    + "201 with the purchase, its allocation table and one receipt per legal entity; 200 with the "
                    + "purchase already created for this external_id.")
    ResponseEntity<PurchaseView> create(@RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest request) {
        ApiPrincipal principal = authentication.principal(authorization);
        PurchaseService.Outcome<PurchaseView> outcome = purchases.create(principal, body(request));
        String location = "/api/v1/purchases/" + outcome.view().id();
        return outcome.created()
                ? ResponseEntity.created(URI.create(location)).body(outcome.view())
                : ResponseEntity.ok().header("Location", location).body(outcome.view());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A purchase by its id: status, allocation table, receipts, problems, refunds")
    PurchaseView get(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id) {
        ApiPrincipal principal = authentication.principal(authorization);
        return uuid(id).flatMap(uuid -> purchases.find(principal.accountId(), uuid)).orElseThrow(PurchaseService::notFound);
    }

    @GetMapping
    @Operation(summary = "A purchase by the store's external_id")
    PurchaseView byExternalId(@RequestHeader(name = "Authorization", required = false) String authorization,
            @Parameter(name = "external_id") @RequestParam(name = "external_id", required = false) String externalId) {
        ApiPrincipal principal = authentication.principal(authorization);
        if (externalId == null || externalId.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("required", "external_id",
                    "Укажите external_id покупки", "external_id of the purchase is required"));
        }
        return purchases.findByExternalId(principal.accountId(), externalId).orElseThrow(PurchaseService::notFound);
    }

    @PostMapping("/{id}/refunds")
    @Operation(summary = "Refund a purchase, fully or by item positions and quantities",
            description = "Body: {external_id, lines?: [{position, quantity}]}; without lines everything not yet "
                    + "returned. One sell_refund receipt per legal entity involved, each to the means it was paid "
                    + "with. 201 with the refund; 200 with the refund already made for this external_id.")
    ResponseEntity<PurchaseView.RefundView> refund(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id, HttpServletRequest request) {
        ApiPrincipal principal = authentication.principal(authorization);
        UUID purchaseId = uuid(id).orElseThrow(PurchaseService::notFound);
        PurchaseService.Outcome<PurchaseView.RefundView> outcome = purchases.refund(principal, purchaseId, body(request));
        String location = "/api/v1/purchases/" + purchaseId;
        return outcome.created()
                ? ResponseEntity.created(URI.create(location)).body(outcome.view())
                : ResponseEntity.ok().header("Location", location).body(outcome.view());
    }

    private byte[] body(HttpServletRequest request) {
        if (!RequestBodies.isJson(request)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of("unsupported_media_type", null,
                    "Ожидается Content-Type: application/json", "Content-Type application/json is expected"));
        }
        return RequestBodies.read(request, properties.maxBodyBytes());
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
