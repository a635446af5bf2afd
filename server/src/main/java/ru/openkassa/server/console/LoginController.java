package ru.openkassa.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.fleet.UserService;

/**
 * The login form service centres know from the register makers' KKT servers: client (account number
 * or company name), user, password. Written by hand rather than with Spring's form login because the
 * user is found by two fields and the page must keep what was typed and say why a login was refused.
 */
@Controller
class LoginController {

    private final UserService users;
    private final LoginThrottle throttle;
    private final ConsoleSessions sessions;
    private final DealerService dealers;
    private final ConsoleProperties properties;
    private final AuditLog audit;
    private final CsrfAuthenticationStrategy csrfRenewal;
    private final Clock clock;

    LoginController(UserService users, LoginThrottle throttle, ConsoleSessions sessions, DealerService dealers,
            ConsoleProperties properties, AuditLog audit, CsrfTokenRepository consoleCsrfTokens, Clock clock) {
        this.clock = clock;
        this.csrfRenewal = new CsrfAuthenticationStrategy(consoleCsrfTokens);
        this.users = users;
        this.throttle = throttle;
        this.sessions = sessions;
        this.dealers = dealers;
        this.properties = properties;
        this.audit = audit;
    }

    @GetMapping({"/", "/console"})
    String home() {
        return "redirect:/console/fleet";
    }

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String form(@RequestParam(required = false) String expired, @RequestParam(required = false) String logout,
            Model model) {
        if (expired != null) {
            model.addAttribute("notice", "login.expired");
        } else if (logout != null) {
            model.addAttribute("notice", "login.loggedOut");
        }
        return "console/login";
    }

    @PostMapping(ConsoleSecurityConfiguration.LOGIN)
    String login(@RequestParam(defaultValue = "") String client, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        model.addAttribute("client", client);
        model.addAttribute("username", username);
        LoginThrottle.Keys keys = LoginThrottle.Keys.of(client, username, request.getRemoteAddr());
        Optional<Instant> locked = throttle.lockedUntil(keys);
        if (locked.isPresent()) {
            long minutes = Math.max(1, Duration.between(clock.instant(), locked.get()).toSeconds() / 60 + 1);
            model.addAttribute("error", "login.locked");
            model.addAttribute("minutes", minutes);
            response.setStatus(429);
            return "console/login";
        }
        Optional<AppUser> user = users.authenticate(client, username, password);
        if (user.isEmpty()) {
            throttle.failed(keys);
            // the form again, as for any form with a mistake (a 401 would need an HTTP authentication scheme)
            model.addAttribute("error", "login.failed");
            return "console/login";
        }
        throttle.succeeded(keys);
        ConsoleUser principal = ConsoleUser.of(user.get(), clock.instant());
        request.getSession(true);
        // a new session id after login: an id planted before it (session fixation) is worth nothing
        request.changeSessionId();
        request.getSession().setMaxInactiveInterval((int) properties.sessionTimeout().toSeconds());
        sessions.remember(principal, request, response);
        // and a new CSRF token: the one of the login page was handed out before anyone was known
        csrfRenewal.onAuthentication(SecurityContextHolder.getContext().getAuthentication(), request, response);
        dealers.loggedIn(principal.accountId(), principal.userId());
        audit.record(principal.accountId(), principal.accountId(), principal.login(), "user.login", null);
        return "redirect:/console/fleet";
    }
}
