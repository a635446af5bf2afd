package ru.openkassa.core.multifiscal;

import java.util.List;
import ru.openkassa.core.money.Money;

/**
 * One cashier receipt of goods belonging to several legal entities, as the till has it before
 * the split: the lines, the payments in the order taken, and the card terminals available.
 * Field paths of violations: {@code items[i].entity_inn}, {@code items[i].sum},
 * {@code items[i].quantity}, {@code tenders[i].means}, {@code tenders[i].amount},
 * {@code terminals[i].id}, {@code terminals[i].bank}, {@code terminals[i].entity_inn}.
 */
public record Purchase(List<PurchaseItem> items, List<Tender> tenders, List<Terminal> terminals) {

    public Purchase {
        items = items == null ? List.of() : List.copyOf(items);
        tenders = tenders == null ? List.of() : List.copyOf(tenders);
        terminals = terminals == null ? List.of() : List.copyOf(terminals);
    }

    /** Σ of the line sums that are present; the split refuses a purchase with a missing one. */
    public Money total() {
        return Money.sum(items.stream()
                .filter(line -> line.item() != null && line.item().sum() != null)
                .map(line -> line.item().sum())
                .toList());
    }
}
