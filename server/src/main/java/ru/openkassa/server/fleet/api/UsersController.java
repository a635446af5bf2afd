package ru.openkassa.server.fleet.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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
import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.FieldProblem;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;

/** The account's console users: list them, add one (an administrator or an operator). */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Console users (admin API)")
class UsersController {

    private final ApiAuthentication authentication;
    private final UserService users;
    private final FieldProblems problems;
    private final AuditLog audit;

    UsersController(ApiAuthentication authentication, UserService users, FieldProblems problems, AuditLog audit) {
        this.authentication = authentication;
        this.users = users;
        this.problems = problems;
        this.audit = audit;
    }

    /** @param role {@code admin} or {@code operator} */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserView(String login, String role, boolean blocked) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewUser(String login, String password, String role) {
    }

    @GetMapping
    @Operation(summary = "Console users of the account")
    List<UserView> list(@RequestHeader(name = "Authorization", required = false) String authorization) {
        ApiPrincipal principal = authentication.principal(authorization);
        return users.list(principal.accountId()).stream().map(UsersController::view).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a console user: login unique in the account, password of 8 characters or more")
    ResponseEntity<UserView> create(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody NewUser request) {
        ApiPrincipal principal = authentication.principal(authorization);
        String login = request.login() == null ? null : request.login().trim();
        List<FieldProblem> found = new java.util.ArrayList<>(users.checkNewUser(principal.accountId(), login, request.password()));
        UserRole role = "admin".equals(request.role()) ? UserRole.ADMIN
                : request.role() == null || "operator".equals(request.role()) ? UserRole.OPERATOR : null;
        if (role == null) {
            found.add(new FieldProblem("role", "bad_format"));
        }
        problems.refuse(found, "user");
        users.create(principal.accountId(), login, request.password(), role);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "user.created", login + " (" + role + ")");
        return ResponseEntity.created(URI.create("/api/v1/users"))
                .body(view(users.find(principal.accountId(), login).orElseThrow()));
    }

    private static UserView view(AppUser user) {
        return new UserView(user.login(), user.role().name().toLowerCase(Locale.ROOT), user.blocked());
    }
}
