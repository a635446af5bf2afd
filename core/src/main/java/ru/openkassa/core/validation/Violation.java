package ru.openkassa.core.validation;

/**
 * One problem of a request: a stable machine code (see {@link ViolationCode} and the table in
 * core/README.md), the offending field as a JSON path of the request
 * ({@code receipt.items[2].sum}), and a message for people in Russian and English.
 */
public record Violation(String code, String field, String messageRu, String messageEn) {

    /** Whether this violation concerns {@code path} itself or something inside it. */
    public boolean isWithin(String path) {
        return field.equals(path)
                || field.startsWith(path + ".")
                || field.startsWith(path + "[");
    }
}
