package ru.openkassa.core.receipt;

import java.util.Optional;

/** ATOL Online protocol version, the path segment after {@code /possystem/}. */
public enum AtolVersion {
    /** FFD 1.05: v4 string enumerations, corrections without items. */
    V4("v4"),
    /** FFD 1.2: integer 1212/2108 codes, marking, itemized corrections. */
    V5("v5");

    private final String path;

    AtolVersion(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<AtolVersion> fromPath(String path) {
        for (AtolVersion version : values()) {
            if (version.path.equals(path)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
