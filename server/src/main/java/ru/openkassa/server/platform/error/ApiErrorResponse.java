package ru.openkassa.server.platform.error;

import java.util.List;

/** The error body of every native API: all problems of a request at once. */
public record ApiErrorResponse(List<ApiError> errors) {
}
