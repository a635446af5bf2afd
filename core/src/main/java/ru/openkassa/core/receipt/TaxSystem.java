package ru.openkassa.core.receipt;

import java.util.Optional;

/**
 * Применяемая система налогообложения, tag 1055. A receipt carries exactly one bit; the
 * registration report (tag 1062) carries the set a register may use.
 */
public enum TaxSystem {
    OSN("osn", 1),
    USN_INCOME("usn_income", 2),
    USN_INCOME_OUTCOME("usn_income_outcome", 4),
    /** ЕНВД, abolished 01.01.2021; still an ATOL value for old corrections. */
    ENVD("envd", 8),
    /** ЕСХН. */
    ESN("esn", 16),
    PATENT("patent", 32);

    public static final int TAG = 1055;

    private final String atolName;
    private final int bit;

    TaxSystem(String atolName, int bit) {
        this.atolName = atolName;
        this.bit = bit;
    }

    public String atolName() {
        return atolName;
    }

    public int bit() {
        return bit;
    }

    public static Optional<TaxSystem> fromAtolName(String name) {
        for (TaxSystem system : values()) {
            if (system.atolName.equals(name)) {
                return Optional.of(system);
            }
        }
        return Optional.empty();
    }
}
