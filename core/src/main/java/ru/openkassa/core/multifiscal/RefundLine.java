package ru.openkassa.core.multifiscal;

import ru.openkassa.core.money.Quantity;

/**
 * What the customer brings back: a line of the sale by its {@link EntityLine#index()} and how much
 * of it (1023; a weighed line can be returned in part).
 */
public record RefundLine(int index, Quantity quantity) {
}
