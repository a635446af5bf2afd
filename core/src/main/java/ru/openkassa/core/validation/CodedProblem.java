package ru.openkassa.core.validation;

/**
 * A catalogue entry of problems with a stable code and its message in both languages (the
 * catalogues are enums: receipt validation, multi-fiscal split); it makes the {@link Violation}
 * at a field.
 */
public interface CodedProblem {

    String code();

    String messageRu();

    String messageEn();

    default Violation at(String field) {
        return new Violation(code(), field, messageRu(), messageEn());
    }

    default Violation at(String field, Phrase detail) {
        return new Violation(code(), field, messageRu() + ": " + detail.ru(), messageEn() + ": " + detail.en());
    }
}
