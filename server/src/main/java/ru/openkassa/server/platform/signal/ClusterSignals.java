package ru.openkassa.server.platform.signal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.openkassa.server.platform.DatabaseVendor;

/**
 * Signals between server nodes ("group 17 has work"): delivered at once to listeners on this node,
 * and through PostgreSQL LISTEN/NOTIFY to every other node on the same database. With H2 (one
 * node) only the local delivery exists. Signals are hints to look at the database, never data:
 * a lost one costs latency, not correctness, because every poll also looks at the database.
 */
@Component
public class ClusterSignals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterSignals.class);
    private static final String CHANNEL = "openkassa_signals";

    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> gapListeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final long notifyInterval;
    private volatile boolean running;
    private Thread listener;
    private Thread sender;

    ClusterSignals(DataSource dataSource, JdbcClient jdbc, DatabaseVendor vendor,
            @Value("${openkassa.signals.notify-interval:5ms}") Duration notifyInterval) {
        if (notifyInterval.isNegative()) {
            throw new IllegalArgumentException("openkassa.signals.notify-interval must not be negative: " + notifyInterval);
        }
        this.notifyInterval = notifyInterval.toNanos();
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.postgres = vendor.isPostgres();
    }

    /** Sends a signal on a topic to every node, this one included. */
    public void publish(String topic, String payload) {
        deliver(topic, payload);
        if (postgres && running) {
            outgoing.offer(topic + "|" + payload);
        }
    }

    /**
     * Sends the signal once the current transaction commits (at once without one): a node woken by
     * it must read the new state, and a rolled-back change must wake no one.
     */
    public void publishAfterCommit(String topic, String payload) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(topic, payload);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(topic, payload);
            }
        });
    }

    public void subscribe(String topic, Consumer<String> handler) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Runs the action whenever signals from other nodes may have been missed: after the listener
     * lost its connection and is back. What a node keeps until a signal says otherwise is dropped here.
     */
    public void onGap(Runnable action) {
        gapListeners.add(action);
    }

    private void gap() {
        for (Runnable action : gapListeners) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("signal gap handler failed", e);
            }
        }
    }

    private void deliver(String topic, String payload) {
        for (Consumer<String> handler : listeners.getOrDefault(topic, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("signal handler for {} failed", topic, e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            listener = Thread.ofPlatform().name("signals-listen").daemon().start(this::listen);
            sender = Thread.ofPlatform().name("signals-notify").daemon().start(this::send);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            sender.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Coalesces signals: the first after a quiet spell goes out at once; while signals keep coming,
     * one NOTIFY per interval carries every distinct signal since the last. Each NOTIFY is a
     * transaction here and a wake-up of every listening backend and node, so a busy node sends at
     * most 1/interval of them (200 a second at 5 ms), not one per receipt; a signal to another node
     * waits at most that interval.
     */
    private void send() {
        long lastSent = System.nanoTime() - notifyInterval;
        while (running) {
            try {
                Set<String> batch = new LinkedHashSet<>();
                batch.add(outgoing.take());
                long wait = lastSent + notifyInterval - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                // NOTIFY payloads are limited to 8000 bytes: at most 200 signals of ~20 bytes each
                outgoing.drainTo(batch, 199);
                lastSent = System.nanoTime();
                notify(batch);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Tries a batch for about half a minute: other nodes may keep what a lost signal would have dropped. */
    private void notify(Set<String> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, node + "\n" + String.join("\n", batch))
                        .query().singleRow();
                return;
            } catch (RuntimeException e) {
                if (attempt == 30 || !running) {
                    log.warn("could not send {} signals to other nodes, gave up: {}", batch.size(), e.getMessage());
                    return;
                }
                log.warn("could not send a signal to other nodes, trying again: {}", e.getMessage());
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    /** Holds one connection in LISTEN; reconnects after a failure. */
    private void listen() {
        boolean listenedBefore = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (listenedBefore) {
                    gap(); // signals sent while this node was not listening are lost
                }
                listenedBefore = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        String[] lines = notification.getParameter().split("\n");
                        if (lines[0].equals(node)) {
                            continue;
                        }
                        for (int i = 1; i < lines.length; i++) {
                            String[] signal = lines[i].split("\\|", 2);
                            if (signal.length == 2) {
                                deliver(signal[0], signal[1]);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("signal listener lost its connection, reconnecting: {}", e.getMessage());
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
