package ru.openkassa.server.multifiscal;

import java.time.LocalDateTime;
import java.util.Map;

import ru.openkassa.core.multifiscal.SplitPurchase;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.TaxSystem;

/**
 * A multi-fiscal purchase as the store sent it, read, checked and split among its legal entities.
 *
 * @param entities    what the store said about each legal entity (tax system, sender e-mail), by ИНН
 * @param callbackUrl where each child receipt's report goes; null for none
 */
record PurchaseRequest(
        String externalId,
        LocalDateTime timestamp,
        String callbackUrl,
        Client client,
        Map<String, EntitySettings> entities,
        SplitPurchase split) {

    PurchaseRequest {
        entities = Map.copyOf(entities);
    }

    /** Optional per-entity details of the request; null fields: take the legal entity's own. */
    record EntitySettings(TaxSystem sno, String email) {
    }
}
