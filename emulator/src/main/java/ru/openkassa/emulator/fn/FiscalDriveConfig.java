package ru.openkassa.emulator.fn;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import ru.openkassa.core.ffd.RegisterFacts;

/**
 * How to open a virtual drive.
 *
 * @param directory    the drive's own directory; its journal lives there
 * @param register     what the register and its drive were registered with; its FN number is the drive's
 * @param expiresAt    the last day the key is valid (15 or 36 months after activation)
 * @param masterKey    the emulator master key the drive's secret is derived from ({@link FnSecret})
 * @param capacity     how many documents the archive holds
 * @param clock        the register's clock, with its time zone: documents carry local time
 */
public record FiscalDriveConfig(
        Path directory,
        RegisterFacts register,
        LocalDate expiresAt,
        String masterKey,
        long capacity,
        Clock clock) {

    public static final long DEFAULT_CAPACITY = 250_000;

    public FiscalDriveConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
    }

    public String fnNumber() {
        return register.fnNumber();
    }
}
