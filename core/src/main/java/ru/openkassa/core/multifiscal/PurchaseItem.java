package ru.openkassa.core.multifiscal;

import ru.openkassa.core.receipt.Item;

/**
 * A line of the cashier's receipt: the fiscal fields of core's {@link Item} plus the legal entity
 * whose goods it is; the line is printed on that entity's register.
 *
 * @param entityInn ИНН of the legal entity (tag 1018 of the receipt it lands on)
 * @param item      the fiscal line; {@code sum} (1043) and {@code quantity} (1023) drive the split and refunds
 */
public record PurchaseItem(String entityInn, Item item) {
}
