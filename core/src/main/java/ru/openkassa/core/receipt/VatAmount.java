package ru.openkassa.core.receipt;

import ru.openkassa.core.money.Money;

/**
 * One {@code vats[]} entry: VAT of the whole receipt at one rate (tags 1102..1107). For
 * {@code none} and {@code vat0} ATOL clients send either 0 or the taxable sum (tags 1104/1105
 * carry the sum, not a tax), so that sum is not checked against a rate.
 */
public record VatAmount(VatRate type, Money sum) {
}
