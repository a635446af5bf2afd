package ru.openkassa.core.receipt;

import java.time.LocalDateTime;
import java.util.List;
import ru.openkassa.core.validation.Violation;

/**
 * A merchant's request to register one document.
 *
 * @param externalId  the store's id of the document, ≤128; the idempotency key within a group
 * @param timestamp   when the store formed the document ({@code dd.MM.yyyy HH:mm:ss}, its local time)
 * @param callbackUrl where to POST the report; null when absent or not a valid URL
 * @param warnings    problems that do not refuse the document, e.g. a callback URL ATOL's mask
 *                    refuses (reported back as {@code warnings.callback_url})
 */
public record ReceiptRequest(
        String externalId,
        LocalDateTime timestamp,
        String callbackUrl,
        AtolVersion version,
        FiscalDocument document,
        List<Violation> warnings) {

    public ReceiptRequest {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
