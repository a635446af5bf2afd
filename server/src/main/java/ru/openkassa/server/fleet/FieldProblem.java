package ru.openkassa.server.fleet;

/**
 * Why a value cannot be taken: the field (as the API names it, snake case) and a stable code
 * ({@code required}, {@code bad_format}, {@code bad_checksum}, {@code taken}). The console and the
 * API both show it, each in its own way; the rule lives here once.
 */
public record FieldProblem(String field, String code) {

    /** The message key of the problem for a kind of thing, e.g. {@code group.code.taken}. */
    public String messageKey(String kind) {
        return kind + "." + field + "." + code;
    }
}
