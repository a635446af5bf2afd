package ru.openkassa.core.multifiscal;

import java.util.List;
import ru.openkassa.core.validation.Violation;

/** What {@link PurchaseSplitter} made of a purchase. */
public sealed interface SplitResult {

    record Split(SplitPurchase purchase) implements SplitResult {
    }

    /** Every problem found, at once; nothing may be printed or charged. */
    record Refused(List<Violation> violations) implements SplitResult {

        public Refused {
            violations = List.copyOf(violations);
        }
    }
}
