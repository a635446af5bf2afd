package ru.openkassa.server.fleet;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A cash register (ККТ) of an account, as the fleet knows it.
 *
 * @param id               the database key
 * @param registerId       the server-issued ID a person types into the register
 * @param entityInn        the INN of the legal entity the register belongs to
 * @param registrationInn  the INN the register reported it is registered with (null before the first hello)
 * @param registrationTaxSystems tag 1062 bitmask of its registration, 0 before the first hello
 */
public record Register(
        long id,
        long accountId,
        long legalEntityId,
        String entityInn,
        String registerId,
        String name,
        ZoneId timezone,
        String serial,
        String model,
        String firmware,
        String fnNumber,
        LocalDate fnExpiresAt,
        String ffdVersion,
        String registrationNumber,
        String registrationInn,
        int registrationTaxSystems,
        OffsetDateTime createdAt,
        OffsetDateTime firstSeenAt,
        OffsetDateTime retiredAt,
        Set<Long> groupIds) {

    Register withGroups(Set<Long> groups) {
        return new Register(id, accountId, legalEntityId, entityInn, registerId, name, timezone, serial, model, firmware,
                fnNumber, fnExpiresAt, ffdVersion, registrationNumber, registrationInn, registrationTaxSystems, createdAt,
                firstSeenAt, retiredAt, Set.copyOf(groups));
    }

    /** How people recognise the register in lists and the audit log: its name and ID. */
    public String label() {
        return name + " (" + registerId + ")";
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    /** Registered with the INN of its legal entity: only then may it fiscalize the entity's receipts. */
    public boolean registrationMatchesEntity() {
        return entityInn.equals(registrationInn);
    }
}
