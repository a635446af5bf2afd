package ru.openkassa.server.devices;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.util.NumberUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiErrorResponse;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.platform.error.ServiceBusyException;
import ru.openkassa.server.platform.web.FrontHandlers;
import ru.openkassa.server.platform.web.RequestBodies;
import ru.openkassa.server.platform.web.RequestTimers;

/**
 * The registers' frequent calls ({@code GET /device/v1/tasks}, {@code POST /device/v1/tasks/{id}/ack},
 * {@code POST /device/v1/tasks/{id}/result}, {@code POST /device/v1/state}) answered on Jetty's own
 * API, in front of the servlet stack; hello and every other request pass on to it untouched.
 *
 * <p>Why: each receipt costs a register three or four of these calls, and a flight recording of the
 * chain benchmark put half of the server's CPU in the servlet filters, Spring Security's chain and
 * Spring MVC's argument resolution and message conversion around them, against a quarter in the
 * calls themselves. The device API checks its own tokens and keeps no session: none of those layers
 * has anything to do here. The calls themselves are {@link DeviceCalls}, shared with
 * {@link DeviceController}; this class does what MVC did around them, in its order: the query
 * parameters and the body are read (and refused) before the call, errors get the one error shape
 * of {@code ApiExceptionHandler}.
 */
final class DeviceCallHandler extends FrontHandlers.Front<DeviceCallHandler.Services> {

    private static final Logger log = LoggerFactory.getLogger(DeviceCallHandler.class);

    /** The calls answered here, by their URI templates (the timers' {@code uri} tag, as MVC gives it). */
    enum Call {
        TASKS("/device/v1/tasks"),
        ACK("/device/v1/tasks/{id}/ack"),
        RESULT("/device/v1/tasks/{id}/result"),
        STATE("/device/v1/state");

        final String template;

        Call(String template) {
            this.template = template;
        }
    }

    /** What the handler uses of the application. */
    record Services(DeviceCalls calls, JsonMapper json, RequestTimers timers) {
    }

    record Route(Call call, String taskId) {
    }

    private final String prefix;

    /**
     * @param contextPath the servlet context's path, without a trailing slash ("" at the root)
     * @param services    asked for when the server starts
     */
    DeviceCallHandler(String contextPath, Supplier<Services> services) {
        super(services);
        this.prefix = contextPath + "/device/v1/";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Route route = route(request.getMethod(), request.getHttpURI().getCanonicalPath());
        if (route == null) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        Services app = services();
        int status = 200;
        Object body;
        HttpField[] extra = {};
        try {
            body = call(app, route, request);
        } catch (ServiceBusyException e) {
            status = e.status().value();
            body = new ApiErrorResponse(e.errors());
            extra = new HttpField[] {new HttpField(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))};
        } catch (ApiException e) {
            status = e.status().value();
            body = new ApiErrorResponse(e.errors());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("request failed", e);
            status = 500;
            body = new ApiErrorResponse(List.of(ApiError.internal()));
        }
        byte[] bytes = app.json().writeValueAsBytes(body);
        app.timers().record(request.getMethod(), route.call().template, status, started);
        FrontHandlers.answerJson(response, callback, status, bytes, extra);
        return true;
    }

    private static Map<String, Object> call(Services app, Route route, Request request) throws Exception {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return switch (route.call()) {
            case TASKS -> app.calls().tasks(authorization,
                    intParameter(request, "wait", DeviceCalls.DEFAULT_WAIT_SECONDS));
            case ACK -> app.calls().ack(authorization, route.taskId());
            case RESULT -> {
                int next = intParameter(request, "next", 0);
                yield app.calls().result(authorization, route.taskId(), next, body(app, request, TaskResult.class));
            }
            case STATE -> app.calls().state(authorization, body(app, request, StateReport.class));
        };
    }

    /** The call's route, or null for a request this handler leaves to the servlet stack. */
    Route route(String method, String path) {
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        if (HttpMethod.GET.is(method)) {
            return rest.equals("tasks") ? new Route(Call.TASKS, null) : null;
        }
        if (!HttpMethod.POST.is(method)) {
            return null;
        }
        if (rest.equals("state")) {
            return new Route(Call.STATE, null);
        }
        if (!rest.startsWith("tasks/")) {
            return null;
        }
        int slash = rest.indexOf('/', "tasks/".length());
        if (slash <= "tasks/".length()) {
            return null;
        }
        String id = rest.substring("tasks/".length(), slash);
        return switch (rest.substring(slash + 1)) {
            case "ack" -> new Route(Call.ACK, id);
            case "result" -> new Route(Call.RESULT, id);
            default -> null;
        };
    }

    /** A number parameter as Spring MVC reads one: absent or empty is the default, anything else must parse. */
    private static int intParameter(Request request, String name, int defaultValue) {
        Fields.Field field = Request.extractQueryParameters(request).get(name);
        String value = field == null ? null : field.getValue();
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return NumberUtils.parseNumber(value.trim(), Integer.class);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.badParameter(name));
        }
    }

    /** A JSON body as Spring MVC's message conversion reads one, with the same refusals. */
    private static <T> T body(Services app, Request request, Class<T> type) throws IOException {
        if (!RequestBodies.isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.unsupportedMediaType());
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            T value = app.json().readValue(in, type);
            if (value == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.malformedJson());
            }
            return value;
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.malformedJson());
        }
    }
}
