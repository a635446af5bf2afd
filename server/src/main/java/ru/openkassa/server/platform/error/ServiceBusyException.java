package ru.openkassa.server.platform.error;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * 503 with {@code Retry-After}: the node sheds work it cannot do soon rather than queue it until
 * the callers time out and come back with more.
 */
public class ServiceBusyException extends ApiException {

    private final Duration retryAfter;

    public ServiceBusyException(Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("server_busy", null,
                "Сервер перегружен: повторите запрос через " + retryAfter.toSeconds() + " с",
                "The server is busy: call again in " + retryAfter.toSeconds() + " s"));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
