package ru.openkassa.server.fleet;

/**
 * An ATOL-style group: the unit receipts are routed by (one legal entity + one payment address).
 *
 * @param name       what people call it in the console
 * @param taxSystems tag 1055 bitmask of the tax systems the legal entity is registered with
 */
public record RoutingGroup(
        long id,
        long accountId,
        String code,
        String name,
        long legalEntityId,
        String inn,
        int taxSystems,
        String paymentAddress,
        DeadlinePolicy deadlinePolicy,
        String callbackSecret) {
}
