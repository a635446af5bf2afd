package ru.openkassa.core.multifiscal;

import java.util.List;
import ru.openkassa.core.validation.Violation;

/** What {@link RefundPlanner} made of a return. */
public sealed interface RefundResult {

    record Planned(Refund refund) implements RefundResult {
    }

    /** Every problem found, at once; nothing may be refunded. */
    record Refused(List<Violation> violations) implements RefundResult {

        public Refused {
            violations = List.copyOf(violations);
        }
    }
}
