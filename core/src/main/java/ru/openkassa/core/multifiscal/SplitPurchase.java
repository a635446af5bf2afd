package ru.openkassa.core.multifiscal;

import java.util.List;
import java.util.Optional;

/**
 * A purchase divided among its legal entities: what the till prints (one receipt per entity, in
 * the allocation's order) and the table it shows. Keep it: refunds are planned against it.
 */
public record SplitPurchase(Purchase purchase, Allocation allocation, List<EntityReceipt> receipts) {

    public SplitPurchase {
        receipts = List.copyOf(receipts);
    }

    public Optional<EntityReceipt> receipt(String entityInn) {
        return receipts.stream().filter(r -> r.entityInn().equals(entityInn)).findFirst();
    }
}
