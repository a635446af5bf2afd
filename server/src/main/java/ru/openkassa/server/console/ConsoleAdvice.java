package ru.openkassa.server.console;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page has: the logged-in user, and an error page instead of the APIs' JSON
 * errors (never a stack trace). Ordered before the APIs' advice, which would answer everything.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute("user")
    ConsoleUser user(@AuthenticationPrincipal ConsoleUser user) {
        return user;
    }

    @ExceptionHandler({NotFound.class, MethodArgumentTypeMismatchException.class})
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        return "error";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("console page failed", e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        return "error";
    }

    /** Another account's id, or none at all: the same answer, so ids reveal nothing. */
    static class NotFound extends RuntimeException {

        NotFound() {
            super("not found", null, false, false);
        }
    }
}
