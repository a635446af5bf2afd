package ru.openkassa.server.fleet.api;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import ru.openkassa.server.fleet.FieldProblem;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/** The fleet's field problems as the API's errors: the same code and field, the console's texts in both languages. */
@Component
class FieldProblems {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final MessageSource messages;

    FieldProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** Ends the request with 400 and every problem, when there are any. */
    void refuse(List<FieldProblem> problems, String kind) {
        if (problems.isEmpty()) {
            return;
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, problems.stream()
                .map(p -> ApiError.of(p.code(), p.field(), text(p, kind, RUSSIAN), text(p, kind, Locale.ENGLISH)))
                .toList());
    }

    /**
     * A refusal the console tells with its message {@code key}: the API answers it with this status,
     * a stable code and field, and the console's text in both languages.
     */
    ApiException refusal(HttpStatus status, String code, String field, String key) {
        return new ApiException(status, ApiError.of(code, field, messages.getMessage(key, null, code, RUSSIAN),
                messages.getMessage(key, null, code, Locale.ENGLISH)));
    }

    private String text(FieldProblem problem, String kind, Locale locale) {
        return messages.getMessage(problem.messageKey(kind), null, problem.field() + ": " + problem.code(), locale);
    }
}
