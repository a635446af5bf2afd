package ru.openkassa.core.multifiscal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * Turns one cashier receipt into one receipt per legal entity (seed 002): groups the lines by
 * ИНН, lets {@link PaymentAllocator} divide the payments, and attaches each entity's share.
 *
 * <p>Deterministic in a strong sense: the allocation and the order of the receipts depend only
 * on each entity's total and the payments (amount per means and which of cash and card came
 * first), never on the order of the lines or on how a means was split into several tenders;
 * the lines on each receipt keep the cashier's order.
 *
 * <p>Only what the split needs is checked here (ИНН, sum, quantity of every line); the fiscal
 * rules of each resulting document are {@link ru.openkassa.core.validation.ReceiptValidator}'s.
 */
public final class PurchaseSplitter {

    private final PaymentAllocator allocator = new PaymentAllocator();

    public SplitResult split(Purchase purchase) {
        List<Violation> found = new ArrayList<>();
        if (purchase.items().isEmpty()) {
            found.add(MultifiscalViolationCode.EMPTY_PURCHASE.at("items"));
        }
        Map<String, Money> dues = new LinkedHashMap<>();
        for (int i = 0; i < purchase.items().size(); i++) {
            PurchaseItem line = purchase.items().get(i);
            String path = "items[" + i + "]";
            boolean usable = EntityInnRule.check(path + ".entity_inn", line.entityInn()).map(found::add).isEmpty();
            Item item = line.item();
            if (item == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".item"));
                continue;
            }
            if (item.sum() == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".sum"));
                usable = false;
            } else if (item.sum().isNegative() || item.sum().isGreaterThan(Money.MAX_FISCAL)) {
                found.add(ViolationCode.OUT_OF_RANGE.at(path + ".sum",
                        Phrase.of("от 0 до " + Money.MAX_FISCAL, "0 to " + Money.MAX_FISCAL)));
                usable = false;
            }
            // A refund by quantity divides the line's sum by it.
            if (item.quantity() == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".quantity"));
            } else if (item.quantity().isZero()) {
                found.add(ViolationCode.NOT_POSITIVE.at(path + ".quantity"));
            }
            if (usable) {
                dues.merge(line.entityInn(), item.sum(), Money::plus);
            }
        }
        dues.forEach((inn, due) -> {
            if (due.isGreaterThan(Money.MAX_FISCAL)) {
                // Tag 1020 of one register's receipt cannot hold more than 2^32 − 1 kopecks.
                found.add(ViolationCode.OUT_OF_RANGE.at("items", Phrase.of(
                        "итог юрлица " + inn + " " + due + " больше " + Money.MAX_FISCAL,
                        "total of entity " + inn + " " + due + " exceeds " + Money.MAX_FISCAL)));
            }
        });
        if (!found.isEmpty()) {
            found.addAll(allocator.checkPayments(purchase.tenders(), purchase.terminals()));
            return new SplitResult.Refused(found);
        }
        return switch (allocator.allocate(dues, purchase.tenders(), purchase.terminals())) {
            case AllocationResult.Refused refused -> new SplitResult.Refused(refused.violations());
            case AllocationResult.Allocated allocated -> new SplitResult.Split(receipts(purchase, allocated.allocation()));
        };
    }

    private static SplitPurchase receipts(Purchase purchase, Allocation allocation) {
        Map<String, List<EntityLine>> lines = new HashMap<>();
        for (int i = 0; i < purchase.items().size(); i++) {
            PurchaseItem line = purchase.items().get(i);
            lines.computeIfAbsent(line.entityInn(), inn -> new ArrayList<>()).add(new EntityLine(i, line.item()));
        }
        List<EntityReceipt> receipts = allocation.entities().stream()
                .map(row -> new EntityReceipt(row.entityInn(), lines.get(row.entityInn()), row.payments(), row.due()))
                .toList();
        return new SplitPurchase(purchase, allocation, receipts);
    }
}
