package ru.openkassa.core.receipt;

import java.util.Optional;

/** Тип коррекции, tag 1173. */
public enum CorrectionType {
    /** Самостоятельно. */
    SELF("self", 0),
    /** По предписанию налогового органа. */
    INSTRUCTION("instruction", 1);

    public static final int TAG = 1173;

    private final String atolName;
    private final int code;

    CorrectionType(String atolName, int code) {
        this.atolName = atolName;
        this.code = code;
    }

    public String atolName() {
        return atolName;
    }

    public int code() {
        return code;
    }

    public static Optional<CorrectionType> fromAtolName(String name) {
        for (CorrectionType type : values()) {
            if (type.atolName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
