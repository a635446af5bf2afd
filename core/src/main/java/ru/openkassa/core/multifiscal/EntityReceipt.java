package ru.openkassa.core.multifiscal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Payment;

/**
 * The receipt one legal entity's register prints for its share of the purchase: only its lines,
 * in the order the cashier entered them, and the payments the allocation gave it. Always
 * balanced: Σ line sums = {@code total} = Σ payments.
 *
 * @param payments by means, non-zero only, in the order of {@link PaymentMeans}
 */
public record EntityReceipt(String entityInn, List<EntityLine> lines, Map<PaymentMeans, Money> payments, Money total) {

    public EntityReceipt {
        lines = List.copyOf(lines);
        Map<PaymentMeans, Money> ordered = new EnumMap<>(PaymentMeans.class);
        ordered.putAll(payments);
        payments = Collections.unmodifiableMap(ordered);
    }

    public List<Item> items() {
        return lines.stream().map(EntityLine::item).toList();
    }

    public Money paymentOf(PaymentMeans means) {
        return payments.getOrDefault(means, Money.ZERO);
    }

    /** The {@code payments[]} of the fiscal document for this entity's register. */
    public List<Payment> fiscalPayments() {
        return payments.entrySet().stream().map(e -> new Payment(e.getKey().paymentType(), e.getValue())).toList();
    }
}
