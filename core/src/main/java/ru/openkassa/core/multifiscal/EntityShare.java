package ru.openkassa.core.multifiscal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Payment;

/** One legal entity's lines of a purchase and the money by means that goes with them: a sale's or a refund's. */
interface EntityShare {

    List<EntityLine> lines();

    /** By means, non-zero only, in the order of {@link PaymentMeans}. */
    Map<PaymentMeans, Money> payments();

    default List<Item> items() {
        return lines().stream().map(EntityLine::item).toList();
    }

    default Money paymentOf(PaymentMeans means) {
        return payments().getOrDefault(means, Money.ZERO);
    }

    /** The {@code payments[]} of the fiscal document for this entity's register. */
    default List<Payment> fiscalPayments() {
        return payments().entrySet().stream().map(e -> new Payment(e.getKey().paymentType(), e.getValue())).toList();
    }

    /** Payments kept in the order of {@link PaymentMeans}, unmodifiable. */
    static Map<PaymentMeans, Money> ordered(Map<PaymentMeans, Money> payments) {
        Map<PaymentMeans, Money> ordered = new EnumMap<>(PaymentMeans.class);
        ordered.putAll(payments);
        return Collections.unmodifiableMap(ordered);
    }
}
