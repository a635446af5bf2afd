package ru.openkassa.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * The store's callback endpoint for the run: answers every POST with 204, so that the server's
 * callback outbox does its real work (sign, send, record) without sending anything off the machine.
 * What arrived is read from the server's {@code callback_outbox} afterwards; this only counts.
 */
final class CallbackSink {

    private CallbackSink() {
    }

    static int run(int port, PrintStream out) throws IOException, InterruptedException {
        AtomicLong received = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.readAllBytes().length);
                if ("POST".equals(exchange.getRequestMethod())) {
                    received.incrementAndGet();
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        out.println("SINK listening " + server.getAddress().getPort());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            out.println("SINK received " + received.get());
            out.println("SINK bytes " + bytes.get());
            out.flush();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
