package ru.openkassa.server.fleet;

/**
 * A legal entity of an account; registers and groups belong to one. Its receipts carry its INN (tag 1018).
 *
 * @param taxSystems tag 1055 bitmask of the tax systems its registers are registered with
 * @param email      1117, the sender address on its receipts; may be null
 * @param address    its legal address; null for entities made before the address was asked for
 */
public record LegalEntity(long id, long accountId, String name, String inn, int taxSystems, String email,
        String address) {

    public boolean uses(int taxSystemBit) {
        return (taxSystems & taxSystemBit) != 0;
    }
}
