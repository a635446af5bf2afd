package ru.openkassa.server.platform.error;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Ends a native API request with an HTTP status and the errors to show the caller. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiError> errors;

    public ApiException(HttpStatus status, List<ApiError> errors) {
        super(errors.isEmpty() ? status.toString() : errors.getFirst().code());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, ApiError error) {
        this(status, List.of(error));
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }
}
