package ru.openkassa.server.fleet.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;

/** The groups (ATOL group codes) this API login may send receipts to, with the secret that signs their callbacks. */
@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups (admin API)")
class GroupsController {

    private final ApiAuthentication authentication;
    private final FleetService fleet;

    GroupsController(ApiAuthentication authentication, FleetService fleet) {
        this.authentication = authentication;
        this.fleet = fleet;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GroupView(String code, String legalEntityInn, String paymentAddress, String deadlinePolicy,
            String callbackSecret) {
    }

    @GetMapping
    @Operation(summary = "Groups open to this login: code, legal entity, payment address, deadline policy, callback secret")
    List<GroupView> list(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        return fleet.groups(principal.accountId()).stream()
                .filter(principal::mayUse)
                .map(g -> new GroupView(g.code(), g.inn(), g.paymentAddress(), g.deadlinePolicy().name().toLowerCase(),
                        g.callbackSecret()))
                .toList();
    }
}
