package ru.openkassa.core.multifiscal;

import ru.openkassa.core.money.Money;

/**
 * One payment the cashier took, in the order taken: the first of cash and card decides
 * {@link PaymentOrder}. Several tenders of one means add up (two cash hand-overs are one cash amount).
 * A card tender carries no terminal: the split decides how much each entity's terminal charges.
 */
public record Tender(PaymentMeans means, Money amount) {

    public static Tender cash(Money amount) {
        return new Tender(PaymentMeans.CASH, amount);
    }

    public static Tender card(Money amount) {
        return new Tender(PaymentMeans.CARD, amount);
    }

    public static Tender prepayment(Money amount) {
        return new Tender(PaymentMeans.PREPAYMENT, amount);
    }

    public static Tender other(Money amount) {
        return new Tender(PaymentMeans.OTHER, amount);
    }
}
