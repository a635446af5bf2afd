package ru.openkassa.core.multifiscal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import ru.openkassa.core.money.Money;

/**
 * A row of the allocation table: what one legal entity is owed and by which means it is paid.
 * The four amounts add up to {@code due} exactly; change is not in any row (see {@link Allocation#change()}).
 *
 * @param terminal the terminal of its card transaction; {@code null} when {@code card} is zero
 */
public record EntityAllocation(
        String entityInn,
        Money due,
        Money cash,
        Money card,
        Money prepayment,
        Money other,
        Terminal terminal) {

    public Money amountOf(PaymentMeans means) {
        return switch (means) {
            case CASH -> cash;
            case CARD -> card;
            case PREPAYMENT -> prepayment;
            case OTHER -> other;
        };
    }

    /** The non-zero amounts in the order of {@link PaymentMeans}: the payments of this entity's receipt. */
    public Map<PaymentMeans, Money> payments() {
        Map<PaymentMeans, Money> payments = new EnumMap<>(PaymentMeans.class);
        for (PaymentMeans means : PaymentMeans.values()) {
            if (!amountOf(means).equals(Money.ZERO)) {
                payments.put(means, amountOf(means));
            }
        }
        return Collections.unmodifiableMap(payments);
    }

    public Optional<CardTransaction> cardTransaction() {
        return card.equals(Money.ZERO) ? Optional.empty() : Optional.of(new CardTransaction(entityInn, card, terminal));
    }
}
