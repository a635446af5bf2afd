package ru.openkassa.server.receipts.atol;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipt registration ({@code POST /possystem/{version}/{group}/{operation}}) answered on Jetty's
 * own API, in front of the servlet stack; every other request passes on to it untouched.
 *
 * <p>Why: a flight recording of the intake benchmark put some 60 % of the server's CPU per receipt
 * in the servlet filters, Spring Security's chain and Spring MVC's dispatch, argument resolution and
 * message conversion around a registration that needs none of them: the ATOL API authenticates
 * with its own token, keeps no session and answers small JSON bodies. The protocol itself, the
 * checks, the answers and their order, stays in {@link AtolIntake}, shared with the controller, so
 * that both ways answer byte for byte alike (the ATOL tests run against both). What the skipped
 * layers add to an answer is added here: the security headers of the API's chain and the
 * {@code http.server.requests} timer with the tags Spring MVC gives it.
 */
final class AtolIntakeHandler extends Handler.Wrapper {

    static final String URI_TEMPLATE = "/possystem/{version}/{group}/{operation}";

    // the headers Spring Security's header writer adds to every API answer
    private static final HttpField[] SECURITY_HEADERS = {
        new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
        new PreEncodedHttpField("X-XSS-Protection", "0"),
        new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate"),
        new PreEncodedHttpField(HttpHeader.PRAGMA, "no-cache"),
        new PreEncodedHttpField(HttpHeader.EXPIRES, "0"),
        new PreEncodedHttpField("X-Frame-Options", "DENY"),
    };
    private static final HttpField JSON_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    /** What the handler uses of the application. */
    record Services(AtolIntake intake, JsonMapper json, MeterRegistry meters) {
    }

    private final String prefix;
    private final Supplier<Services> source;
    private final ConcurrentMap<Integer, Timer> timers = new ConcurrentHashMap<>();
    private volatile Services services;

    /**
     * @param contextPath the servlet context's path ("/" or "" at the root)
     * @param services    asked for when the server starts: the web server is built before the
     *                    application's services are
     */
    AtolIntakeHandler(String contextPath, Supplier<Services> services) {
        this.prefix = (contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath)
                + "/possystem/";
        this.source = services;
    }

    @Override
    protected void doStart() throws Exception {
        services = source.get();
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String[] route = HttpMethod.POST.is(request.getMethod()) ? route(request.getHttpURI().getCanonicalPath()) : null;
        if (route == null) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        HttpFields headers = request.getHeaders();
        String token = AtolIntake.token(headers.get("Token"), Request.extractQueryParameters(request).getValue("token"));
        Services app = services;
        AtolAnswer answer;
        try (InputStream body = Content.Source.asInputStream(request)) {
            answer = app.intake().register(route[0], route[1], route[2], token, headers.get(HttpHeader.CONTENT_TYPE),
                    request.getLength(), body);
        }
        byte[] bytes = app.json().writeValueAsBytes(answer.body());
        response.setStatus(answer.status());
        HttpFields.Mutable out = response.getHeaders();
        out.put(JSON_TYPE);
        for (HttpField field : SECURITY_HEADERS) {
            out.put(field);
        }
        out.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        timer(app.meters(), answer.status()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    /** {version, group, operation} of a registration path, or null for any other path. */
    String[] route(String path) {
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String[] parts = path.substring(prefix.length()).split("/", -1);
        if (parts.length != 3) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    private Timer timer(MeterRegistry meters, int status) {
        return timers.computeIfAbsent(status, code -> Timer.builder("http.server.requests")
                .tag("error", "none")
                .tag("exception", "none")
                .tag("method", "POST")
                .tag("outcome", code >= 500 ? "SERVER_ERROR" : code >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                .tag("status", Integer.toString(code))
                .tag("uri", URI_TEMPLATE)
                .register(meters));
    }
}
