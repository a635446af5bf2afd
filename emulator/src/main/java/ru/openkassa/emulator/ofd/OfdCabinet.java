package ru.openkassa.emulator.ofd;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.openkassa.emulator.EmulatorJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The OFD emulator's HTTP API, shaped like an OFD cabinet's document API:
 * <ul>
 *   <li>{@code GET /api/v1/fns/{fn}/documents?from=YYYY-MM-DD&to=YYYY-MM-DD} — documents of an FN
 *       dated within the days (both optional, inclusive);</li>
 *   <li>{@code GET /api/v1/fns/{fn}/documents/{fd}} — one document;</li>
 *   <li>{@code GET|POST /api/v1/switches} — read or set {@code down}, {@code slow_ms}, {@code reject}.</li>
 * </ul>
 * A document is {@code {fn_number, fd_number, document_type, date_time, received_at, requisites}},
 * the requisites keyed by their FNS JSON names as real OFD exports show them.
 */
final class OfdCabinet {

    private static final System.Logger LOG = System.getLogger(OfdCabinet.class.getName());
    private static final Pattern DOCUMENTS = Pattern.compile("/api/v1/fns/(\\d{16})/documents/?");
    private static final Pattern DOCUMENT = Pattern.compile("/api/v1/fns/(\\d{16})/documents/(\\d+)/?");
    private static final String SWITCHES = "/api/v1/switches";

    private final OfdEmulator ofd;
    private final HttpServer server;

    private OfdCabinet(OfdEmulator ofd, HttpServer server) {
        this.ofd = ofd;
        this.server = server;
    }

    static OfdCabinet start(OfdEmulator ofd, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            OfdCabinet cabinet = new OfdCabinet(ofd, server);
            server.createContext("/api/v1/", cabinet::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return cabinet;
        } catch (IOException e) {
            throw new UncheckedIOException("OFD cabinet API cannot listen on port " + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher one = DOCUMENT.matcher(path);
            Matcher list = DOCUMENTS.matcher(path);
            if (path.equals(SWITCHES)) {
                switches(exchange, method);
            } else if (one.matches() && method.equals("GET")) {
                ofd.document(one.group(1), Long.parseLong(one.group(2))).ifPresentOrElse(
                        document -> answer(exchange, 200, view(document)),
                        () -> error(exchange, 404, "not_found", null, "Документ не найден", "No such document"));
            } else if (list.matches() && method.equals("GET")) {
                documents(exchange, list.group(1));
            } else {
                error(exchange, 404, "not_found", null, "Нет такого адреса", "No such endpoint");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "OFD cabinet request failed", e);
            error(exchange, 500, "internal", null, "Внутренняя ошибка", "Internal error");
        }
    }

    private void documents(HttpExchange exchange, String fn) {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        LocalDate from;
        LocalDate to;
        try {
            from = query.containsKey("from") ? LocalDate.parse(query.get("from")) : null;
        } catch (DateTimeParseException e) {
            error(exchange, 400, "bad_format", "from", "Дата ГГГГ-ММ-ДД", "A date YYYY-MM-DD");
            return;
        }
        try {
            to = query.containsKey("to") ? LocalDate.parse(query.get("to")) : null;
        } catch (DateTimeParseException e) {
            error(exchange, 400, "bad_format", "to", "Дата ГГГГ-ММ-ДД", "A date YYYY-MM-DD");
            return;
        }
        List<Map<String, Object>> documents = ofd.documents(fn, from, to).stream().map(OfdCabinet::view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fn_number", fn);
        body.put("documents", documents);
        answer(exchange, 200, body);
    }

    private void switches(HttpExchange exchange, String method) throws IOException {
        if (method.equals("POST")) {
            try {
                Map<String, Object> changes = EmulatorJson.MAPPER.readValue(exchange.getRequestBody().readAllBytes(),
                        new TypeReference<Map<String, Object>>() { });
                ofd.switches().apply(changes == null ? Map.of() : changes);
            } catch (JacksonException e) {
                error(exchange, 400, "bad_json", null, "Тело не JSON-объект", "The body is not a JSON object");
                return;
            } catch (IllegalArgumentException e) {
                error(exchange, 400, "bad_switch", null, e.getMessage(), e.getMessage());
                return;
            }
        } else if (!method.equals("GET")) {
            error(exchange, 405, "method_not_allowed", null, "Только GET и POST", "GET or POST only");
            return;
        }
        answer(exchange, 200, ofd.switches().asMap());
    }

    static Map<String, Object> view(ReceivedDocument document) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("fn_number", document.fnNumber());
        view.put("fd_number", document.fdNumber());
        view.put("document_type", document.document().code());
        view.put("date_time", document.dateTime().toString());
        view.put("received_at", document.receivedAt().toString());
        view.put("requisites", document.document().readable());
        return view;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void error(HttpExchange exchange, int status, String code, String field, String ru, String en) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("field", field);
        error.put("message", Map.of("ru", ru, "en", en));
        answer(exchange, status, Map.of("errors", List.of(error)));
    }

    private static void answer(HttpExchange exchange, int status, Object body) {
        try {
            byte[] json = EmulatorJson.MAPPER.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, json.length);
            exchange.getResponseBody().write(json);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "the client left before the answer", e);
        }
    }
}
