package ru.openkassa.core.receipt;

import ru.openkassa.core.money.Money;

/** One {@code payments[]} entry; its sum goes to the tag {@link PaymentType#fiscalTag()}. */
public record Payment(PaymentType type, Money sum) {
}
