package ru.openkassa.core.ofd;

import java.util.Optional;

/** Код ответа ОФД, tag 1022 of the operator confirmation. */
public enum OfdResponseCode {
    /** Document accepted; the FN marks it delivered. */
    ACCEPTED(0),
    /** Некорректный документ: its content was not recognised. */
    NOT_RECOGNISED(11),
    /** Документ не прошел форматно-логический контроль. */
    FAILED_FORMAT_CHECK(14);

    private final int code;

    OfdResponseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<OfdResponseCode> fromCode(int code) {
        for (OfdResponseCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
