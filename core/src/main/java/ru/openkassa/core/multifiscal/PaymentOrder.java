package ru.openkassa.core.multifiscal;

/**
 * Which of cash and card the cashier took first. The seed makes the whole split depend on it:
 * the first means is spread over the legal entities in a fixed order and the second pays the rest.
 */
public enum PaymentOrder {
    /** Per-entity amounts ascending; cash until it runs out, the rest by card. */
    CASH_FIRST,
    /** Per-entity amounts descending; a card transaction per entity until the card amount runs out, the rest in cash. */
    CARD_FIRST
}
