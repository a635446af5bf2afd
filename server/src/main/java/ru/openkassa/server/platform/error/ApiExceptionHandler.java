package ru.openkassa.server.platform.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import ru.openkassa.server.platform.web.BodyTooLargeException;

/**
 * The one error shape of the native APIs. Never a stack trace to a client: what is not a known
 * problem of the request is logged and answered with {@code internal_error}.
 */
@RestControllerAdvice(basePackages = "ru.openkassa.server")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiErrorResponse> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(new ApiErrorResponse(e.errors()));
    }

    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<ApiErrorResponse> busy(ServiceBusyException e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .body(new ApiErrorResponse(e.errors()));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ApiErrorResponse> tooLarge(BodyTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, ApiError.of("body_too_large", null,
                "Размер запроса превышает " + e.limit() + " байт", "The request body is over " + e.limit() + " bytes"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiErrorResponse> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, ApiError.malformedJson());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiErrorResponse> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.unsupportedMediaType());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiErrorResponse> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, ApiError.of("method_not_allowed", null,
                "Метод " + e.getMethod() + " не поддерживается", "Method " + e.getMethod() + " is not supported"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiErrorResponse> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, ApiError.of("required", e.getParameterName(),
                "Не указан параметр " + e.getParameterName(), "Parameter " + e.getParameterName() + " is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiErrorResponse> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, ApiError.badParameter(e.getName()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiErrorResponse> notFound(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, ApiError.of("not_found", null, "Не найдено", "Not found"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiErrorResponse> unexpected(Exception e) {
        log.error("request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.internal());
    }

    private static ResponseEntity<ApiErrorResponse> error(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).body(new ApiErrorResponse(java.util.List.of(error)));
    }
}
