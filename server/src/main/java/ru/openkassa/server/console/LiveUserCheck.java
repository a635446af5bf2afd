package ru.openkassa.server.console;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.fleet.UserService;

/**
 * A session remembers who logged in; this makes sure that person may still work: a user blocked
 * (or given another role, or a new password) since the login, or a dealer whose client has left it, is logged out on
 * the next page, not after the session times out.
 */
@Component
class LiveUserCheck implements HandlerInterceptor {

    private final UserService users;
    private final DealerService dealers;

    LiveUserCheck(UserService users, DealerService dealers) {
        this.users = users;
        this.dealers = dealers;
    }

    /** A password an administrator set after this login: whoever knew the old one is shut out. */
    private static boolean passwordSetSince(AppUser user, ConsoleUser session) {
        return user.passwordSetAt() != null && user.passwordSetAt().toInstant().isAfter(session.loggedInAt());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ConsoleUser user)) {
            return true;
        }
        Optional<AppUser> now = users.find(user.homeAccountId(), user.userId());
        boolean mayStillWork = now.isPresent() && !now.get().blocked() && now.get().role() == user.role()
                && !passwordSetSince(now.get(), user);
        // a dealer works in a client's account only while it serves that client
        boolean accountStillOpen = !user.isActingForClient()
                || dealers.client(user.homeAccountId(), user.accountId()).isPresent();
        if (mayStillWork && accountStillOpen) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + ConsoleSecurityConfiguration.LOGIN);
        return false;
    }
}
