package ru.openkassa.core.multifiscal;

import java.util.List;
import ru.openkassa.core.validation.Violation;

/** What {@link PaymentAllocator} made of the payments. */
public sealed interface AllocationResult {

    record Allocated(Allocation allocation) implements AllocationResult {
    }

    /** Every problem found, at once. */
    record Refused(List<Violation> violations) implements AllocationResult {

        public Refused {
            violations = List.copyOf(violations);
        }
    }
}
