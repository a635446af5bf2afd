package ru.openkassa.core.multifiscal;

import java.util.List;
import ru.openkassa.core.money.Money;

/**
 * One return at the till: a refund receipt per legal entity whose goods come back, in the sale's
 * allocation order. Keep every refund of a sale: later ones are planned against them.
 */
public record Refund(List<EntityRefund> receipts) {

    public Refund {
        receipts = List.copyOf(receipts);
    }

    public Money total() {
        return Money.sum(receipts.stream().map(EntityRefund::total).toList());
    }

    public Money totalOf(PaymentMeans means) {
        return Money.sum(receipts.stream().map(r -> r.paymentOf(means)).toList());
    }
}
