package ru.openkassa.core.atol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.groups.Tuple;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.validation.Violation;

/** Reading a body and saying what must come of it. */
final class ReadAssertions {

    private static final AtolRequestReader READER = new AtolRequestReader();

    private ReadAssertions() {
    }

    static ReadResult read(JsonEdit body, AtolVersion version, Operation operation) {
        return READER.read(body.bytes(), version, operation);
    }

    static ReceiptRequest accepted(ReadResult result) {
        assertThat(result).as("read result").isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) result).request();
    }

    static List<Violation> violations(ReadResult result) {
        assertThat(result).as("read result").isInstanceOf(ReadResult.Invalid.class);
        return ((ReadResult.Invalid) result).violations();
    }

    /** Exactly one violation, with this code at this field. */
    static void onlyViolation(ReadResult result, String code, String field) {
        assertThat(violations(result))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(code, field));
    }

    static void exactlyViolations(ReadResult result, Tuple... codeAndField) {
        assertThat(violations(result))
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(codeAndField);
    }
}
