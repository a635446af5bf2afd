package ru.openkassa.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Puts who works in the console into the session: at login, and when a dealer enters or leaves a client. */
@Component
class ConsoleSessions {

    private final SecurityContextRepository contexts;

    ConsoleSessions(SecurityContextRepository consoleContextRepository) {
        this.contexts = consoleContextRepository;
    }

    void remember(ConsoleUser principal, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.authorities().stream().map(SimpleGrantedAuthority::new).toList()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
