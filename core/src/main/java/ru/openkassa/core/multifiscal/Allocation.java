package ru.openkassa.core.multifiscal;

import java.util.List;
import java.util.Optional;
import ru.openkassa.core.money.Money;

/**
 * The allocation table of a purchase: one row per legal entity, in the order the rule walked
 * them (ascending amounts for cash first, descending for card first, ties by ИНН), which is
 * also the order the terminals ask for the card transactions.
 *
 * @param change cash handed back to the customer; the customer overpaid by exactly this, in cash
 */
public record Allocation(PaymentOrder order, List<EntityAllocation> entities, Money change) {

    public Allocation {
        entities = List.copyOf(entities);
    }

    public Optional<EntityAllocation> entity(String inn) {
        return entities.stream().filter(row -> row.entityInn().equals(inn)).findFirst();
    }

    /** The card transactions to make, in this order, one per entity with a card part. */
    public List<CardTransaction> cardTransactions() {
        return entities.stream().flatMap(row -> row.cardTransaction().stream()).toList();
    }

    public Money totalOf(PaymentMeans means) {
        return Money.sum(entities.stream().map(row -> row.amountOf(means)).toList());
    }

    public Money total() {
        return Money.sum(entities.stream().map(EntityAllocation::due).toList());
    }
}
