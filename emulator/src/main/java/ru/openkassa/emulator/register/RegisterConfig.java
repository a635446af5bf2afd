package ru.openkassa.emulator.register;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.fn.FnSecret;

/**
 * Everything a virtual register needs to run. Build one with {@link #builder}; the defaults
 * derive the serial, FN number and registration number from the register ID so that a fleet
 * from an ids file needs nothing else.
 *
 * @param directory          the register's own data directory (its job journal and its drive's)
 * @param ofd                where the OFD listens; null for a register without an OFD link
 * @param masterKey          the emulator master key the drive's secret derives from
 * @param heartbeatInterval  the longest time between two {@code state} calls
 * @param pollWaitSeconds    the {@code wait} asked of the long-poll until the server says otherwise
 * @param crashMode          what "crash after fiscalizing" does in this process
 */
public record RegisterConfig(
        String registerId,
        String serial,
        String model,
        String firmware,
        URI server,
        Path directory,
        String fnNumber,
        LocalDate fnExpiresAt,
        String ffdVersion,
        String registrationNumber,
        String inn,
        List<TaxSystem> taxSystems,
        String ofdInn,
        InetSocketAddress ofd,
        String masterKey,
        Clock clock,
        Duration heartbeatInterval,
        int pollWaitSeconds,
        CrashMode crashMode) {

    public static final String MODEL = "OpenKassa Virtual";
    public static final String FIRMWARE = "1.0.0";
    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** The OFD INN of the device API example; any 10 digits do for the emulator. */
    public static final String DEFAULT_OFD_INN = "7704211201";

    /** What the crash switch does: the register stops dead, in-process or with its whole JVM. */
    public enum CrashMode {
        /** Stop this register abruptly (no more writes, no result, no heartbeat); the JVM lives on. */
        STOP_REGISTER,
        /** {@code Runtime.halt}: the whole process dies at once, as with {@code kill -9}. */
        HALT_PROCESS,
        /** Freeze at that point forever, for a harness that kills the process itself. */
        FREEZE
    }

    public RegisterConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        requireDigits("register ID", registerId, 10, 10);
        requireDigits("serial number", serial, 1, 20);
        requireDigits("FN number", fnNumber, 16, 16);
        requireDigits("registration number", registrationNumber, 16, 16);
        requireDigits("INN", inn, 10, 12);
        requireDigits("OFD INN", ofdInn, 10, 12);
        if (taxSystems == null || taxSystems.isEmpty()) {
            throw new IllegalArgumentException("a register is registered with at least one tax system");
        }
        taxSystems = List.copyOf(taxSystems);
        if (pollWaitSeconds < 1 || pollWaitSeconds > 30) {
            throw new IllegalArgumentException("poll wait out of 1..30 s: " + pollWaitSeconds);
        }
    }

    private static void requireDigits(String what, String value, int min, int max) {
        if (value == null || value.length() < min || value.length() > max
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " must be " + (min == max ? String.valueOf(min) : min + ".." + max)
                    + " digits: " + value);
        }
    }

    public static Builder builder(String registerId, URI server, Path directory) {
        return new Builder(registerId, server, directory);
    }

    /** Defaults: serial {@code 0010<id>}, FN {@code 9999<id>01}, registration number {@code 000000<id>}. */
    public static final class Builder {
        private final String registerId;
        private final URI server;
        private final Path directory;
        private String serial;
        private String model = MODEL;
        private String firmware = FIRMWARE;
        private String fnNumber;
        private LocalDate fnExpiresAt;
        private String ffdVersion = "1.2";
        private String registrationNumber;
        private String inn;
        private List<TaxSystem> taxSystems = List.of(TaxSystem.USN_INCOME);
        private String ofdInn = DEFAULT_OFD_INN;
        private InetSocketAddress ofd;
        private String masterKey = FnSecret.DEMO_MASTER_KEY;
        private Clock clock = Clock.system(MOSCOW);
        private Duration heartbeatInterval = Duration.ofSeconds(60);
        private int pollWaitSeconds = 25;
        private CrashMode crashMode = CrashMode.STOP_REGISTER;

        private Builder(String registerId, URI server, Path directory) {
            this.registerId = registerId;
            this.server = server;
            this.directory = directory;
        }

        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder firmware(String firmware) {
            this.firmware = firmware;
            return this;
        }

        public Builder fnNumber(String fnNumber) {
            this.fnNumber = fnNumber;
            return this;
        }

        /** Used only when the drive is activated; a reopened drive keeps its own expiry. */
        public Builder fnExpiresAt(LocalDate fnExpiresAt) {
            this.fnExpiresAt = fnExpiresAt;
            return this;
        }

        public Builder ffdVersion(String ffdVersion) {
            this.ffdVersion = ffdVersion;
            return this;
        }

        public Builder registrationNumber(String registrationNumber) {
            this.registrationNumber = registrationNumber;
            return this;
        }

        public Builder inn(String inn) {
            this.inn = inn;
            return this;
        }

        public Builder taxSystems(List<TaxSystem> taxSystems) {
            this.taxSystems = taxSystems;
            return this;
        }

        public Builder ofdInn(String ofdInn) {
            this.ofdInn = ofdInn;
            return this;
        }

        public Builder ofd(InetSocketAddress ofd) {
            this.ofd = ofd;
            return this;
        }

        public Builder masterKey(String masterKey) {
            this.masterKey = masterKey;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        public Builder pollWaitSeconds(int pollWaitSeconds) {
            this.pollWaitSeconds = pollWaitSeconds;
            return this;
        }

        public Builder crashMode(CrashMode crashMode) {
            this.crashMode = crashMode;
            return this;
        }

        public RegisterConfig build() {
            return new RegisterConfig(registerId,
                    serial != null ? serial : "0010" + registerId,
                    model, firmware, server, directory,
                    fnNumber != null ? fnNumber : "9999" + registerId + "01",
                    fnExpiresAt != null ? fnExpiresAt : LocalDate.now(clock).plusMonths(36),
                    ffdVersion,
                    registrationNumber != null ? registrationNumber : "000000" + registerId,
                    inn, taxSystems, ofdInn, ofd, masterKey, clock, heartbeatInterval, pollWaitSeconds,
                    crashMode);
        }
    }
}
