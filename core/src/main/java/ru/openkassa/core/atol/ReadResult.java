package ru.openkassa.core.atol;

import java.util.List;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.validation.Violation;

/** What became of a merchant's request body. */
public sealed interface ReadResult {

    /** Every rule holds; the request may be queued. */
    record Accepted(ReceiptRequest request) implements ReadResult {
    }

    /** JSON of the right shape with problems; all of them are listed. */
    record Invalid(List<Violation> violations) implements ReadResult {

        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** Not JSON at all, or the root is not an object: nothing to point a field path at. */
    record Malformed(String detail) implements ReadResult {
    }
}
