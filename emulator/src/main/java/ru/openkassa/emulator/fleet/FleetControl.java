package ru.openkassa.emulator.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.openkassa.emulator.EmulatorJson;
import ru.openkassa.emulator.fn.FnStatus;
import ru.openkassa.emulator.register.RegisterSwitches;
import ru.openkassa.emulator.register.VirtualRegister;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * A fleet's switchboard for a chaos harness in another process:
 * <ul>
 *   <li>{@code GET /api/v1/registers} — each register's state and switches;</li>
 *   <li>{@code POST /api/v1/registers/{id}/switches} — set one register's switches;</li>
 *   <li>{@code POST /api/v1/switches} — set the switches of every register.</li>
 * </ul>
 * Switch names: {@code no_paper}, {@code ofd_unreachable}, {@code fn_expired}, {@code fn_full},
 * {@code hang_mid_receipt}, {@code delay_ms}, {@code crash_after_fiscalize}.
 */
public final class FleetControl implements AutoCloseable {

    private static final Pattern ONE = Pattern.compile("/api/v1/registers/(\\d{10})/switches/?");

    private final RegisterFleet fleet;
    private final HttpServer server;

    private FleetControl(RegisterFleet fleet, HttpServer server) {
        this.fleet = fleet;
        this.server = server;
    }

    public static FleetControl start(RegisterFleet fleet, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            FleetControl control = new FleetControl(fleet, server);
            server.createContext("/api/v1/", control::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("fleet control cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher one = ONE.matcher(path);
            if (path.equals("/api/v1/registers") && method.equals("GET")) {
                answer(exchange, 200, fleet.registers().stream().map(FleetControl::view).toList());
            } else if (path.equals("/api/v1/switches") && method.equals("POST")) {
                Optional<Map<String, Object>> changes = changes(exchange);
                if (changes.isPresent() && apply(exchange, fleet.registers().stream().toList(), changes.get())) {
                    answer(exchange, 200, fleet.registers().stream().map(FleetControl::view).toList());
                }
            } else if (one.matches() && method.equals("POST")) {
                Optional<VirtualRegister> register = fleet.register(one.group(1));
                if (register.isEmpty()) {
                    error(exchange, 404, "unknown_register", "No register " + one.group(1) + " in this fleet");
                    return;
                }
                Optional<Map<String, Object>> changes = changes(exchange);
                if (changes.isPresent() && apply(exchange, List.of(register.get()), changes.get())) {
                    answer(exchange, 200, view(register.get()));
                }
            } else {
                error(exchange, 404, "not_found", "No such endpoint");
            }
        }
    }

    private boolean apply(HttpExchange exchange, List<VirtualRegister> registers, Map<String, Object> changes) {
        try {
            // Check once on a scratch copy so that a bad name changes no register at all.
            new RegisterSwitches().apply(changes);
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "bad_switch", e.getMessage());
            return false;
        }
        registers.forEach(register -> register.switches().apply(changes));
        return true;
    }

    private Optional<Map<String, Object>> changes(HttpExchange exchange) throws IOException {
        try {
            Map<String, Object> changes = EmulatorJson.MAPPER.readValue(exchange.getRequestBody().readAllBytes(),
                    new TypeReference<Map<String, Object>>() { });
            return Optional.of(changes == null ? Map.of() : changes);
        } catch (JacksonException e) {
            error(exchange, 400, "bad_json", "The body is not a JSON object");
            return Optional.empty();
        }
    }

    private static Map<String, Object> view(VirtualRegister register) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("register_id", register.config().registerId());
        view.put("serial", register.config().serial());
        view.put("running", register.isRunning());
        view.put("crashed", register.hasCrashed());
        view.put("connected", register.isConnected());
        view.put("problem", register.lastProblem().orElse(null));
        if (register.isRunning()) {
            FnStatus fn = register.fiscalDrive().status();
            view.put("fn_number", fn.fnNumber());
            view.put("last_fd_number", fn.lastFdNumber());
            view.put("unsent_count", fn.unsentCount());
        }
        view.put("switches", register.switches().asMap());
        return view;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", Map.of("en", message));
        answer(exchange, status, Map.of("errors", List.of(error)));
    }

    private static void answer(HttpExchange exchange, int status, Object body) {
        try {
            byte[] json = EmulatorJson.MAPPER.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, json.length);
            exchange.getResponseBody().write(json);
        } catch (IOException e) {
            // the harness hung up
        }
    }
}
