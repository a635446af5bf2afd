package ru.openkassa.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A page left open keeps polling its live part every few seconds; that is not a person at work.
 * Only other requests count as activity: once the last of them is older than the idle timeout, the
 * next live request ends the session and is sent to the login form that says why, which the page
 * then shows. Otherwise an open overview on an unattended screen would keep a session, and its
 * right to change things, forever.
 */
@Component
class IdleSessionCheck implements HandlerInterceptor {

    static final String LAST_ACTIVITY = IdleSessionCheck.class.getName() + ".lastActivity";

    private final ConsoleProperties properties;

    IdleSessionCheck(ConsoleProperties properties) {
        this.properties = properties;
    }

    private static boolean isLivePart(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/live");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return true;
        }
        long now = System.currentTimeMillis();
        if (!isLivePart(request)) {
            session.setAttribute(LAST_ACTIVITY, now);
            return true;
        }
        Object last = session.getAttribute(LAST_ACTIVITY);
        if (last instanceof Long at && now - at > properties.sessionTimeout().toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + ConsoleSecurityConfiguration.LOGIN + "?expired");
            return false;
        }
        return true;
    }
}
