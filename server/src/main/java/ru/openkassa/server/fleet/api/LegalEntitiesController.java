package ru.openkassa.server.fleet.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FieldProblem;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.LegalEntity;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/** The account's legal entities: registers and groups belong to one. */
@RestController
@RequestMapping("/api/v1/legal-entities")
@Tag(name = "Legal entities (admin API)")
class LegalEntitiesController {

    private final ApiAuthentication authentication;
    private final FleetService fleet;
    private final FieldProblems problems;
    private final AuditLog audit;

    LegalEntitiesController(ApiAuthentication authentication, FleetService fleet, FieldProblems problems, AuditLog audit) {
        this.authentication = authentication;
        this.fleet = fleet;
        this.problems = problems;
        this.audit = audit;
    }

    /**
     * @param taxSystems ATOL names: osn, usn_income, usn_income_outcome, esn, patent
     * @param address    legal address, up to 256 characters; required for a new entity
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntityView(String name, String inn, List<String> taxSystems, String email, String address) {
    }

    @GetMapping
    @Operation(summary = "Legal entities of the account")
    List<EntityView> list(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        return fleet.legalEntities(principal.accountId()).stream().map(LegalEntitiesController::view).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a legal entity: the INN must pass the FNS checksum and appear once per account; the address is required")
    ResponseEntity<EntityView> create(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody EntityView request) {
        ApiPrincipal principal = authentication.principal(authorization);
        List<FieldProblem> found = new ArrayList<>();
        int bits = 0;
        for (String name : request.taxSystems() == null ? List.<String>of() : request.taxSystems()) {
            TaxSystem system = TaxSystem.fromAtolName(name).filter(t -> t != TaxSystem.ENVD).orElse(null);
            if (system == null) {
                found.add(new FieldProblem("tax_systems", "bad_format"));
            } else {
                bits |= system.bit();
            }
        }
        String name = request.name() == null ? null : request.name().trim();
        String inn = request.inn() == null ? null : request.inn().trim();
        String address = request.address() == null ? null : request.address().trim();
        found.addAll(fleet.checkNewLegalEntity(principal.accountId(), name, inn, bits, request.email(), address));
        problems.refuse(found, "entity");
        fleet.addLegalEntity(principal.accountId(), name, inn, bits, request.email(), address);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "entity.created",
                name + " (ИНН " + inn + ")");
        LegalEntity created = fleet.legalEntities(principal.accountId()).stream().filter(e -> e.inn().equals(inn))
                .findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/legal-entities")).body(view(created));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddressChange(String address) {
    }

    @PatchMapping(path = "/{inn}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a legal entity's address")
    EntityView changeAddress(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String inn, @RequestBody AddressChange request) {
        ApiPrincipal principal = authentication.principal(authorization);
        LegalEntity entity = fleet.findLegalEntity(principal.accountId(), inn).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, ApiError.of("legal_entity_not_found", "inn", "Организация не найдена",
                        "Legal entity not found")));
        String address = request.address() == null ? null : request.address().trim();
        problems.refuse(fleet.checkAddress(address), "entity");
        fleet.changeLegalEntityAddress(principal.accountId(), entity.id(), address);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "entity.address-changed",
                entity.name() + " (ИНН " + inn + "): " + address);
        return view(fleet.findLegalEntity(principal.accountId(), inn).orElseThrow());
    }

    private static EntityView view(LegalEntity e) {
        List<String> systems = java.util.Arrays.stream(TaxSystem.values()).filter(t -> e.uses(t.bit()))
                .map(TaxSystem::atolName).toList();
        return new EntityView(e.name(), e.inn(), systems, e.email(), e.address());
    }
}
