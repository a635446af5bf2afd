package ru.openkassa.emulator.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.emulator.register.DeviceHttp;
import ru.openkassa.emulator.register.RegisterConfig;
import ru.openkassa.emulator.register.VirtualRegister;

/**
 * Many virtual registers in one process, sharing one HTTP client (each register would otherwise
 * hold its own connection pool and selector thread). Each register keeps its own directory, so a
 * fleet restarted on the same data continues every drive's numbering.
 */
public final class RegisterFleet implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RegisterFleet.class.getName());

    /** One line of an ids file: a register ID issued by the server and, optionally, a serial. */
    public record Member(String registerId, String serial) {
    }

    private final DeviceHttp http;
    private final Map<String, VirtualRegister> registers = new LinkedHashMap<>();

    private RegisterFleet(DeviceHttp http) {
        this.http = http;
    }

    /**
     * Starts a register for each member, configured by {@code configure}.
     *
     * @throws RuntimeException when a register cannot start; the ones started are stopped again
     */
    public static RegisterFleet start(List<Member> members, Function<Member, RegisterConfig> configure) {
        DeviceHttp http = DeviceHttp.start();
        RegisterFleet fleet = new RegisterFleet(http);
        try {
            for (Member member : members) {
                fleet.registers.put(member.registerId(), VirtualRegister.start(configure.apply(member), http));
            }
        } catch (RuntimeException e) {
            fleet.stop();
            throw e;
        }
        LOG.log(Level.INFO, "fleet of {0} registers started", members.size());
        return fleet;
    }

    /**
     * Reads an ids file: one register per line, {@code <register ID> [serial]}; blank lines and
     * lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the line when a line is not of that shape
     */
    public static List<Member> readIds(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ids file " + file, e);
        }
        List<Member> members = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[\\s,;]+");
            String where = file + " line " + (i + 1) + ": ";
            if (fields.length > 2) {
                throw new IllegalArgumentException(where + "expected '<register ID> [serial]', got '" + line + "'");
            }
            Optional<RegisterId.Problem> problem = RegisterId.problemWith(fields[0]);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(where + "'" + fields[0] + "' is not a register ID ("
                        + switch (problem.get()) {
                            case WRONG_LENGTH -> "it must be 10 digits";
                            case NOT_DIGITS -> "only digits";
                            case BAD_CHECK_DIGIT -> "wrong check digit: mistyped?";
                        } + ")");
            }
            String serial = fields.length == 2 ? fields[1] : null;
            if (serial != null && !serial.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(where + "serial '" + serial + "' must be digits");
            }
            Integer earlier = seen.putIfAbsent(fields[0], i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(where + "register ID " + fields[0] + " is already on line " + earlier);
            }
            members.add(new Member(fields[0], serial));
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException(file + " names no register");
        }
        return members;
    }

    public Collection<VirtualRegister> registers() {
        return registers.values();
    }

    public Optional<VirtualRegister> register(String registerId) {
        return Optional.ofNullable(registers.get(registerId));
    }

    public void stop() {
        registers.values().parallelStream().forEach(VirtualRegister::stop);
        http.close();
    }

    @Override
    public void close() {
        stop();
    }
}
