package ru.openkassa.server.fleet.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.ApiAuthentication;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.FieldProblem;
import ru.openkassa.server.fleet.UserChange;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/**
 * The account's console users: list them, add one, change a role, block one, set a new password.
 * The account always keeps an administrator who can log in.
 */
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

    /** @param role {@code admin}, {@code operator} or (in a dealer's account) {@code dealer_staff} */
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
        List<FieldProblem> found = new ArrayList<>(users.checkNewUser(principal.accountId(), login, request.password()));
        UserRole role = request.role() == null ? UserRole.OPERATOR : role(request.role());
        if (role == null) {
            found.add(new FieldProblem("role", "bad_format"));
        } else {
            found.addAll(users.checkRole(principal.accountId(), role));
        }
        problems.refuse(found, "user");
        users.create(principal.accountId(), login, request.password(), role);
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "user.created", login + " (" + role + ")");
        return ResponseEntity.created(URI.create("/api/v1/users"))
                .body(view(users.find(principal.accountId(), login).orElseThrow()));
    }

    /** Only what is given changes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserChanges(String role, Boolean blocked) {
    }

    @PatchMapping(path = "/{login}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a user's role or block/unblock the user; the last administrator who can log in stays one")
    UserView change(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String login, @RequestBody UserChanges request) {
        ApiPrincipal principal = authentication.principal(authorization);
        AppUser target = find(principal, login);
        if (request.role() != null) {
            UserRole role = role(request.role());
            problems.refuse(role == null ? List.of(new FieldProblem("role", "bad_format")) : List.of(), "user");
            if (role != target.role()) {
                refuse(users.changeRole(principal.accountId(), target.id(), role), "role");
                audit.record(principal.accountId(), principal.accountId(), principal.login(), "user.role-changed",
                        target.login() + ": " + target.role() + " → " + role);
            }
        }
        if (request.blocked() != null && request.blocked() != target.blocked()) {
            refuse(users.setBlocked(principal.accountId(), target.id(), request.blocked()), "blocked");
            audit.record(principal.accountId(), principal.accountId(), principal.login(),
                    request.blocked() ? "user.blocked" : "user.unblocked", target.login());
        }
        return view(find(principal, login));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewPassword(String password) {
    }

    @PostMapping(path = "/{login}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a new password for a user who forgot theirs: 8 characters or more")
    ResponseEntity<Void> resetPassword(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String login, @RequestBody NewPassword request) {
        ApiPrincipal principal = authentication.principal(authorization);
        AppUser target = find(principal, login);
        problems.refuse(users.checkPassword(request.password()), "user");
        users.resetPassword(principal.accountId(), target.id(), request.password());
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "user.password-reset", target.login());
        return ResponseEntity.noContent().build();
    }

    private AppUser find(ApiPrincipal principal, String login) {
        return users.find(principal.accountId(), login).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                ApiError.of("user_not_found", "login", "Пользователь не найден", "User not found")));
    }

    private void refuse(UserChange change, String field) {
        problems.refuse(change == UserChange.DONE ? List.of() : List.of(change.problem(field)), "user");
    }

    /** The API's snake-case name of a role; null when there is no such role. */
    private static UserRole role(String name) {
        return Arrays.stream(UserRole.values()).filter(r -> r.name().toLowerCase(Locale.ROOT).equals(name)).findFirst()
                .orElse(null);
    }

    private static UserView view(AppUser user) {
        return new UserView(user.login(), user.role().name().toLowerCase(Locale.ROOT), user.blocked());
    }
}
