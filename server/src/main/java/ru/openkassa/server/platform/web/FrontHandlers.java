package ru.openkassa.server.platform.web;

import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.springframework.boot.jetty.JettyServerCustomizer;

/**
 * Handlers on Jetty's own API right in front of the servlet context, for the few hot calls whose
 * cost the servlet filters, Spring Security's chain and Spring MVC's dispatch would multiply (the
 * ATOL registration, the registers' device calls). They sit inside whatever Spring Boot wraps around
 * the context (graceful shutdown counts their requests, compression applies to their answers) and
 * pass every other request on untouched. What the skipped layers add to an answer is added here.
 */
public final class FrontHandlers {

    /** The headers Spring Security's header writer adds to every API answer. */
    private static final HttpField[] SECURITY_HEADERS = {
        new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
        new PreEncodedHttpField("X-XSS-Protection", "0"),
        new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate"),
        new PreEncodedHttpField(HttpHeader.PRAGMA, "no-cache"),
        new PreEncodedHttpField(HttpHeader.EXPIRES, "0"),
        new PreEncodedHttpField("X-Frame-Options", "DENY"),
    };
    private static final HttpField JSON_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private FrontHandlers() {
    }

    /**
     * A handler in front of the servlet stack that needs the application's services: the web server
     * is built before they are, so they are asked for when the server starts.
     */
    public abstract static class Front<S> extends Handler.Wrapper {

        private final Supplier<S> source;
        private volatile S services;

        protected Front(Supplier<S> services) {
            this.source = services;
        }

        @Override
        protected void doStart() throws Exception {
            services = source.get();
            super.doStart();
        }

        protected S services() {
            return services;
        }
    }

    /**
     * Installs the handler made for the servlet context's path (without a trailing slash, "" at the
     * root) when the Jetty server is built.
     */
    public static JettyServerCustomizer installer(Function<String, Handler.Wrapper> handler) {
        return server -> install(server, handler.apply(contextPath(server)));
    }

    private static String contextPath(Server server) {
        String path = context(server).getContextPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Puts the handler between the servlet context and whatever holds it now. */
    private static void install(Server server, Handler.Wrapper handler) {
        ServletContextHandler context = context(server);
        Handler.Singleton parent = server.getHandler() == context ? server
                : server.getDescendants(Handler.Singleton.class).stream().filter(h -> h.getHandler() == context)
                        .findFirst().orElseThrow(() -> new IllegalStateException("no handler holds the servlet context"));
        parent.insertHandler(handler);
    }

    private static ServletContextHandler context(Server server) {
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        if (context == null) {
            throw new IllegalStateException("the Jetty server has no servlet context to put a handler in front of");
        }
        return context;
    }

    /** Sends a JSON answer with the headers the API's security chain would have added. */
    public static void answerJson(Response response, Callback callback, int status, byte[] body, HttpField... extra) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(JSON_TYPE);
        for (HttpField field : SECURITY_HEADERS) {
            headers.put(field);
        }
        for (HttpField field : extra) {
            headers.put(field);
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
