package ru.openkassa.core.validation;

/** A detail of a message in both languages the APIs answer in. */
public record Phrase(String ru, String en) {

    public static Phrase of(String ru, String en) {
        return new Phrase(ru, en);
    }
}
