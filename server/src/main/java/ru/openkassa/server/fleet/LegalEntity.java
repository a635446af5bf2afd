package ru.openkassa.server.fleet;

/**
 * A legal entity of an account: whose receipts its registers print (tag 1018 = {@code inn}).
 *
 * @param taxSystems tag 1055 bitmask of the tax systems its registers are registered with
 * @param email      1117, the sender address on its receipts; may be null
 */
public record LegalEntity(long id, long accountId, String name, String inn, int taxSystems, String email) {
}
