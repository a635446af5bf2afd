package ru.openkassa.server.receipts;

import java.util.List;

import ru.openkassa.core.validation.Violation;

/**
 * A receipt read and checked against its group but not stored yet: for a feature that stores several
 * receipts in one transaction ({@link ReceiptService#storeTogether}). Only one without violations
 * may be stored.
 */
public final class PreparedReceipt {

    private final FiscalJobRepository.NewJob job;
    private final List<Violation> violations;

    PreparedReceipt(FiscalJobRepository.NewJob job, List<Violation> violations) {
        this.job = job;
        this.violations = List.copyOf(violations);
    }

    /** Empty when the receipt can be stored; else every problem, with its field in the ATOL body. */
    public List<Violation> violations() {
        return violations;
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    FiscalJobRepository.NewJob job() {
        if (job == null) {
            throw new IllegalStateException("an invalid receipt cannot be stored: " + violations);
        }
        return job;
    }
}
