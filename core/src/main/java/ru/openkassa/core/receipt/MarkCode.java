package ru.openkassa.core.receipt;

/** The marking code of an item as the store scanned it (ATOL v5 {@code mark_code}, tag 1163). */
public record MarkCode(MarkCodeType type, String value) {
}
