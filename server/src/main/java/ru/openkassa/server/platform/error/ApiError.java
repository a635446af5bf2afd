package ru.openkassa.server.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One problem with a request: a stable machine code, the offending field (if any) and a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String field, LocalizedText message) {

    public static ApiError of(String code, String field, String ru, String en) {
        return new ApiError(code, field, new LocalizedText(ru, en));
    }
}
