package ru.openkassa.core.multifiscal;

import ru.openkassa.core.receipt.Item;

/**
 * A line on one entity's receipt (or refund receipt) and where it came from.
 *
 * @param index the line's position in the cashier's purchase, counted from 0; refunds name lines by it
 */
public record EntityLine(int index, Item item) {
}
