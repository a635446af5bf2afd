package ru.openkassa.server.fleet.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.DeadlinePolicy;
import ru.openkassa.server.fleet.FieldProblem;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/** The groups (ATOL group codes) this API login may send receipts to, with the secret that signs their callbacks. */
@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups (admin API)")
class GroupsController {

    private final ApiAuthentication authentication;
    private final FleetService fleet;
    private final FieldProblems problems;
    private final AuditLog audit;

    GroupsController(ApiAuthentication authentication, FleetService fleet, FieldProblems problems, AuditLog audit) {
        this.authentication = authentication;
        this.fleet = fleet;
        this.problems = problems;
        this.audit = audit;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GroupView(String code, String name, String legalEntityInn, String paymentAddress, String deadlinePolicy,
            String callbackSecret) {
    }

    @GetMapping
    @Operation(summary = "Groups open to this login: code, legal entity, payment address, deadline policy, callback secret")
    List<GroupView> list(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        return fleet.groups(principal.accountId()).stream()
                .filter(principal::mayUse)
                .map(GroupsController::view)
                .toList();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewGroup(String code, String name, String legalEntityInn, String paymentAddress) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a group of a legal entity; this login may send receipts to it at once")
    ResponseEntity<GroupView> create(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody NewGroup request) {
        ApiPrincipal principal = authentication.principal(authorization);
        Long entity = request.legalEntityInn() == null ? null
                : fleet.findLegalEntityByInn(principal.accountId(), request.legalEntityInn().trim()).orElse(null);
        String name = request.name() == null ? null : request.name().trim();
        String code = request.code() == null ? null : request.code().trim();
        String address = request.paymentAddress() == null ? null : request.paymentAddress().trim();
        List<FieldProblem> found = new ArrayList<>(fleet.checkNewGroup(principal.accountId(), code, name, entity, address));
        found.replaceAll(p -> p.field().equals("legal_entity") ? new FieldProblem("legal_entity_inn", p.code()) : p);
        problems.refuse(found, "group");
        long id = fleet.addGroup(principal.accountId(), code, name, entity, address, DeadlinePolicy.MINUTES_5);
        fleet.allowGroup(principal.accountId(), principal.credentialId(), id);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "group.created", name);
        return ResponseEntity.created(URI.create("/api/v1/groups/" + code))
                .body(view(fleet.findGroup(principal.accountId(), id).orElseThrow()));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Rename(String name) {
    }

    @PatchMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rename a group")
    GroupView rename(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String code, @RequestBody Rename request) {
        ApiPrincipal principal = authentication.principal(authorization);
        RoutingGroup group = find(principal, code);
        String name = request.name() == null ? null : request.name().trim();
        problems.refuse(fleet.checkGroupName(principal.accountId(), name, group.id()), "group");
        fleet.renameGroup(principal.accountId(), group.id(), name);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "group.renamed",
                group.name() + " → " + name);
        return view(fleet.findGroup(principal.accountId(), group.id()).orElseThrow());
    }

    @DeleteMapping("/{code}")
    @Operation(summary = "Delete a group nothing uses: no registers, no other API login, never a receipt (they keep their group)")
    ResponseEntity<Void> delete(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String code) {
        ApiPrincipal principal = authentication.principal(authorization);
        RoutingGroup group = find(principal, code);
        switch (fleet.deleteGroup(principal.accountId(), group.id(), principal.credentialId())) {
            case HAS_REGISTERS -> throw inUse("has_registers", "group.delete.hasRegisters");
            case HAS_API_LOGINS -> throw inUse("has_api_logins", "group.delete.hasApiLogins");
            case HAS_RECEIPTS -> throw inUse("has_receipts", "group.delete.hasReceipts");
            case NOT_FOUND -> throw notFound();
            case DELETED -> { }
        }
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "group.deleted", group.name());
        return ResponseEntity.noContent().build();
    }

    private ApiException inUse(String code, String messageKey) {
        return problems.refusal(HttpStatus.CONFLICT, code, "code", messageKey);
    }

    private RoutingGroup find(ApiPrincipal principal, String code) {
        return fleet.findGroupByCode(code).filter(g -> g.accountId() == principal.accountId())
                .flatMap(g -> fleet.findGroup(principal.accountId(), g.id()))
                .orElseThrow(GroupsController::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("group_not_found", "code", "Группа не найдена",
                "Group not found"));
    }

    private static GroupView view(RoutingGroup g) {
        return new GroupView(g.code(), g.name(), g.inn(), g.paymentAddress(), g.deadlinePolicy().name().toLowerCase(),
                g.callbackSecret());
    }
}
