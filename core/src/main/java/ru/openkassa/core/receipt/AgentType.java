package ru.openkassa.core.receipt;

import java.util.Optional;

/** Признак агента: tag 1057 for the receipt, 1222 for one item; one bit each. */
public enum AgentType {
    BANK_PAYING_AGENT("bank_paying_agent", 1),
    BANK_PAYING_SUBAGENT("bank_paying_subagent", 2),
    PAYING_AGENT("paying_agent", 4),
    PAYING_SUBAGENT("paying_subagent", 8),
    ATTORNEY("attorney", 16),
    COMMISSION_AGENT("commission_agent", 32),
    ANOTHER("another", 64);

    public static final int RECEIPT_TAG = 1057;
    public static final int ITEM_TAG = 1222;

    private final String atolName;
    private final int bit;

    AgentType(String atolName, int bit) {
        this.atolName = atolName;
        this.bit = bit;
    }

    public String atolName() {
        return atolName;
    }

    public int bit() {
        return bit;
    }

    public static Optional<AgentType> fromAtolName(String name) {
        for (AgentType type : values()) {
            if (type.atolName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
