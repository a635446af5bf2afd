package ru.openkassa.core.receipt;

/** Дробное количество маркированного товара, tag 1291: numerator 1293 / denominator 1294. */
public record MarkQuantity(Long numerator, Long denominator) {
}
