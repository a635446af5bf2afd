package ru.openkassa.emulator;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.fleet.FleetControl;
import ru.openkassa.emulator.fleet.RegisterFleet;
import ru.openkassa.emulator.fn.FnSecret;
import ru.openkassa.emulator.ofd.OfdEmulator;
import ru.openkassa.emulator.register.RegisterConfig;

/**
 * {@code java -jar openkassa-emulator.jar ofd|registers ...}: the OFD emulator or a fleet of
 * virtual registers as a process. Runs until stopped (Ctrl-C, SIGTERM); exit code 2 for bad usage.
 */
public final class EmulatorCommand {

    static final String USAGE = """
            OpenKassa emulators

            Usage:
              java -jar openkassa-emulator.jar ofd [options]
                  An OFD for virtual registers: takes their documents over TCP, checks each fiscal
                  sign, answers with the operator confirmation; an HTTP API shows what arrived.
                --port N            TCP port for registers (default 7777)
                --http-port N       cabinet API port: GET /api/v1/fns/{fn}/documents[/{fd}],
                                    POST /api/v1/switches (default 7778; -1 for none)
                --data DIR          keep accepted documents in DIR across restarts (default: memory)
                --master-key KEY    emulator master key the FN secrets derive from (must match the registers')
                --ofd-inn INN       the OFD's INN on confirmations (default 7704211201)

              java -jar openkassa-emulator.jar registers [options]
                  N virtual registers (KKT + FN) speaking the device API to a server, one per line
                  of the ids file: '<register ID> [serial]'.
                --server URL        the server's base URL, e.g. http://localhost:8080   (required)
                --ids-file FILE     register IDs issued by the server                    (required)
                --inn INN           the registers' user INN                               (required)
                --sno LIST          registered tax systems, comma-separated: osn, usn_income,
                                    usn_income_outcome, esn, patent (default usn_income)
                --ofd HOST:PORT     the OFD to send documents to (default: no OFD link)
                --data DIR          a directory per register lives here (default ./data/registers)
                --master-key KEY    emulator master key (default: the demo key)
                --ofd-inn INN       OFD INN written into documents (default 7704211201)
                --model NAME        model reported in hello (default "OpenKassa Virtual")
                --heartbeat-seconds N   longest time between state calls (default 60)
                --control-port N    HTTP switchboard: GET /api/v1/registers,
                                    POST /api/v1/registers/{id}/switches, POST /api/v1/switches
                --crash-after-fiscalize [halt|freeze]
                                    die right after the first receipt is signed, before the result
                                    is recorded or sent: halt = Runtime.halt (default), freeze = hang
                                    until killed. For exactly-once tests.
                --crash-mode halt|freeze
                                    how a register dies when its crash_after_fiscalize switch is
                                    set later through the switchboard (default halt); freeze lets
                                    a harness kill -9 the process at the crash point itself.

            Examples:
              java -jar openkassa-emulator.jar ofd --port 7777 --http-port 7778
              java -jar openkassa-emulator.jar registers --server http://localhost:8080 \\
                  --ids-file ids.txt --ofd localhost:7777 --data ./data/registers \\
                  --inn 5544332219 --sno usn_income
            """;

    private static final Set<String> OFD_OPTIONS = Set.of("port", "http-port", "data", "master-key", "ofd-inn");
    private static final Set<String> REGISTER_OPTIONS = Set.of("server", "ids-file", "inn", "sno", "ofd", "data",
            "master-key", "ofd-inn", "model", "heartbeat-seconds", "control-port", "crash-after-fiscalize", "crash-mode");

    /** Bad usage: the message is for the person at the terminal. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private EmulatorCommand() {
    }

    public static void main(String[] args) {
        // One line per record; must be set before the first logger is made.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        try {
            Runnable stop = run(args, System.out);
            if (stop == null) {
                return;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.run();
                stopped.countDown();
            }));
            stopped.await();
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run with --help for usage.");
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts what the arguments ask for.
     *
     * @return how to stop it, or null when there is nothing running (help was printed)
     */
    static Runnable run(String[] args, PrintStream out) {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE);
            return null;
        }
        String command = args[0];
        List<String> rest = List.of(args).subList(1, args.length);
        return switch (command) {
            case "ofd" -> ofd(options(rest, OFD_OPTIONS));
            case "registers" -> registers(options(rest, REGISTER_OPTIONS));
            default -> throw new UsageException("unknown command '" + command + "': use ofd or registers");
        };
    }

    private static Runnable ofd(Map<String, String> options) {
        int tcpPort = port(options, "port", 7777);
        if (tcpPort < 0) {
            throw new UsageException("--port must be a port number");
        }
        OfdEmulator.Config config = OfdEmulator.Config.of(tcpPort, port(options, "http-port", 7778));
        config = new OfdEmulator.Config(config.port(), config.httpPort(),
                options.getOrDefault("master-key", FnSecret.DEMO_MASTER_KEY),
                digits(options, "ofd-inn", RegisterConfig.DEFAULT_OFD_INN),
                options.containsKey("data") ? Path.of(options.get("data")) : null, config.clock());
        OfdEmulator ofd = OfdEmulator.start(config);
        System.out.println("OFD emulator listening on port " + ofd.port()
                + (ofd.httpPort() > 0 ? ", cabinet API on http://localhost:" + ofd.httpPort() + "/api/v1/" : ""));
        return ofd::stop;
    }

    private static Runnable registers(Map<String, String> options) {
        URI server = server(required(options, "server"));
        Path idsFile = Path.of(required(options, "ids-file"));
        if (!Files.isReadable(idsFile)) {
            throw new UsageException("--ids-file " + idsFile + " cannot be read");
        }
        List<RegisterFleet.Member> members;
        try {
            members = RegisterFleet.readIds(idsFile);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String inn = digits(options, "inn", null);
        if (inn == null || (inn.length() != 10 && inn.length() != 12)) {
            throw new UsageException("--inn must be an INN of 10 or 12 digits");
        }
        List<TaxSystem> taxSystems = taxSystems(options.getOrDefault("sno", "usn_income"));
        InetSocketAddress ofd = options.containsKey("ofd") ? hostPort(options.get("ofd")) : null;
        Path data = Path.of(options.getOrDefault("data", "./data/registers"));
        String masterKey = options.getOrDefault("master-key", FnSecret.DEMO_MASTER_KEY);
        String ofdInn = digits(options, "ofd-inn", RegisterConfig.DEFAULT_OFD_INN);
        String model = options.getOrDefault("model", RegisterConfig.MODEL);
        int heartbeat = positive(options, "heartbeat-seconds", 60);
        RegisterConfig.CrashMode crashMode = crashMode(options.get("crash-after-fiscalize"), "crash-after-fiscalize");
        RegisterConfig.CrashMode laterCrashMode = crashMode != null ? crashMode
                : crashMode(options.getOrDefault("crash-mode", "halt"), "crash-mode");
        RegisterFleet fleet = RegisterFleet.start(members, member -> RegisterConfig
                .builder(member.registerId(), server, data.resolve(member.registerId()))
                .serial(member.serial())
                .model(model)
                .inn(inn)
                .taxSystems(taxSystems)
                .ofd(ofd)
                .masterKey(masterKey)
                .ofdInn(ofdInn)
                .heartbeatInterval(Duration.ofSeconds(heartbeat))
                .crashMode(laterCrashMode)
                .build());
        if (crashMode != null) {
            fleet.registers().forEach(register -> register.switches().crashAfterFiscalize(true));
        }
        FleetControl control = options.containsKey("control-port")
                ? FleetControl.start(fleet, port(options, "control-port", 0)) : null;
        System.out.println(members.size() + " virtual register(s) talking to " + server
                + (ofd == null ? " without an OFD link" : ", OFD at " + ofd.getHostString() + ":" + ofd.getPort())
                + (control == null ? "" : "; switchboard on http://localhost:" + control.port() + "/api/v1/registers"));
        return () -> {
            if (control != null) {
                control.close();
            }
            fleet.stop();
        };
    }

    /** {@code --name value} pairs; {@code --crash-after-fiscalize} may stand alone. */
    static Map<String, String> options(List<String> args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                if (hasValue) {
                    value = args.get(++i);
                } else if (name.equals("crash-after-fiscalize")) {
                    value = "halt";
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
            }
            if (options.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    private static URI server(String text) {
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server must be an http(s) URL such as http://localhost:8080, not '" + text + "'");
        }
    }

    private static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("--ofd must be HOST:PORT, not '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--ofd must be HOST:PORT, not '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--ofd port out of 1..65535: " + port);
        }
        // Resolved now if it can be; an unresolvable host stays unresolved and the link keeps retrying.
        return new InetSocketAddress(text.substring(0, colon), port);
    }

    private static List<TaxSystem> taxSystems(String text) {
        List<TaxSystem> systems = new ArrayList<>();
        for (String name : text.split(",")) {
            systems.add(TaxSystem.fromAtolName(name.strip()).orElseThrow(() -> new UsageException(
                    "--sno: unknown tax system '" + name.strip() + "' (osn, usn_income, usn_income_outcome, esn, patent)")));
        }
        return systems;
    }

    private static RegisterConfig.CrashMode crashMode(String mode, String option) {
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case "halt" -> RegisterConfig.CrashMode.HALT_PROCESS;
            case "freeze" -> RegisterConfig.CrashMode.FREEZE;
            default -> throw new UsageException("--" + option + " is halt or freeze, not '" + mode + "'");
        };
    }

    private static int port(Map<String, String> options, String name, int fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text);
            if (port < -1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a port number, not '" + text + "'");
        }
    }

    private static int positive(Map<String, String> options, String name, int fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a positive number, not '" + text + "'");
        }
    }

    private static String digits(Map<String, String> options, String name, String fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() < 10 || text.length() > 12) {
            throw new UsageException("--" + name + " must be 10 or 12 digits, not '" + text + "'");
        }
        return text;
    }
}
