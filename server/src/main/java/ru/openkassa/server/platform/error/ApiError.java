package ru.openkassa.server.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One problem with a request: a stable machine code, the offending field (if any) and a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String field, LocalizedText message) {

    public static ApiError of(String code, String field, String ru, String en) {
        return new ApiError(code, field, new LocalizedText(ru, en));
    }

    /** A body that is not JSON, or not of the form the call reads. */
    public static ApiError malformedJson() {
        return of("malformed_json", null, "Тело запроса не является корректным JSON нужной формы",
                "The request body is not JSON of the expected form");
    }

    public static ApiError unsupportedMediaType() {
        return of("unsupported_media_type", null, "Ожидается Content-Type: application/json",
                "Content-Type application/json is expected");
    }

    /** A query parameter whose value is not of its type (a number, say). */
    public static ApiError badParameter(String name) {
        return of("bad_format", name, "Некорректное значение параметра " + name, "Bad value of parameter " + name);
    }

    /** What the caller sees of a failure that is not a known problem of its request. */
    public static ApiError internal() {
        return of("internal_error", null, "Внутренняя ошибка сервера", "Internal server error");
    }
}
