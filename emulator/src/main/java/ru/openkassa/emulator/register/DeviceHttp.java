package ru.openkassa.emulator.register;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The registers' HTTP client: one per process is enough for a fleet of thousands. Jetty's client,
 * not the JDK's: in the fiscal-chain benchmark the JDK client's selector, timers and future chains
 * were 44 % of the fleet simulator's CPU, on the same two cores as the server it loads (Jetty's: 0.31
 * instead of 0.38 cores at 200 receipts/s).
 * Blocking calls from the registers' virtual threads; a network failure is an {@link IOException}.
 */
public final class DeviceHttp implements AutoCloseable {

    /** An answer the server gave: its status, body and {@code Retry-After} header (or null). */
    record Answer(URI uri, int status, byte[] body, String retryAfter) {
    }

    private final HttpClient client;

    private DeviceHttp(HttpClient client) {
        this.client = client;
    }

    public static DeviceHttp start() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("device-http");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setConnectTimeout(5_000);
        client.setFollowRedirects(false);
        // each register holds a long-poll and a heartbeat: a fleet of thousands needs as many connections
        client.setMaxConnectionsPerDestination(100_000);
        client.setMaxRequestsQueuedPerDestination(100_000);
        try {
            client.start();
            // statuses are the register's to read: a 401 without WWW-Authenticate is the device API's
            // "say hello again", not a protocol violation (Jetty's authentication handler's view)
            client.getProtocolHandlers().clear();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not start", e);
        }
        return new DeviceHttp(client);
    }

    Answer get(URI uri, String token, Duration timeout) throws IOException, InterruptedException {
        return send(client.newRequest(uri).method(HttpMethod.GET), token, timeout);
    }

    Answer post(URI uri, String token, byte[] json, Duration timeout) throws IOException, InterruptedException {
        return send(client.newRequest(uri).method(HttpMethod.POST).body(new BytesRequestContent("application/json", json)),
                token, timeout);
    }

    private static Answer send(Request request, String token, Duration timeout) throws IOException, InterruptedException {
        if (token != null) {
            request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + token));
        }
        request.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ContentResponse response = request.send();
            return new Answer(request.getURI(), response.getStatus(), response.getContent(),
                    response.getHeaders().get(HttpHeader.RETRY_AFTER));
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not stop", e);
        }
    }
}
