package ru.openkassa.server.receipts.atol;

import java.io.InputStream;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import tools.jackson.databind.json.JsonMapper;

import ru.openkassa.server.platform.web.FrontHandlers;
import ru.openkassa.server.platform.web.RequestTimers;

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
 * layers add to an answer is added by {@link FrontHandlers} and {@link RequestTimers}.
 */
final class AtolIntakeHandler extends FrontHandlers.Front<AtolIntakeHandler.Services> {

    static final String URI_TEMPLATE = "/possystem/{version}/{group}/{operation}";

    /** What the handler uses of the application. */
    record Services(AtolIntake intake, JsonMapper json, RequestTimers timers) {
    }

    private final String prefix;

    /**
     * @param contextPath the servlet context's path, without a trailing slash ("" at the root)
     * @param services    asked for when the server starts
     */
    AtolIntakeHandler(String contextPath, Supplier<Services> services) {
        super(services);
        this.prefix = contextPath + "/possystem/";
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
        Services app = services();
        AtolAnswer answer;
        try (InputStream body = Content.Source.asInputStream(request)) {
            answer = app.intake().register(route[0], route[1], route[2], token, headers.get(HttpHeader.CONTENT_TYPE),
                    request.getLength(), body);
        }
        byte[] bytes = app.json().writeValueAsBytes(answer.body());
        app.timers().record("POST", URI_TEMPLATE, answer.status(), started);
        FrontHandlers.answerJson(response, callback, answer.status(), bytes);
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
}
