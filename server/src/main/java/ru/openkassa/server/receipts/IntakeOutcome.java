package ru.openkassa.server.receipts;

import java.util.List;

import ru.openkassa.core.validation.Violation;

/** What became of a receipt request. Only {@link Accepted} and {@link Duplicate} stored anything. */
public sealed interface IntakeOutcome {

    /** Committed: a new job. */
    record Accepted(FiscalJob job) implements IntakeOutcome {
    }

    /** The external_id was already known in the group: the first job, unchanged. */
    record Duplicate(FiscalJob job) implements IntakeOutcome {
    }

    /** The request is JSON but not a valid receipt: every problem found. Nothing stored. */
    record Invalid(List<Violation> violations) implements IntakeOutcome {
    }

    /** Not JSON, or not an object. Nothing stored. */
    record Malformed(String detail) implements IntakeOutcome {
    }
}
