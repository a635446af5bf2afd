package ru.openkassa.emulator.ofd;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ofd.OfdFrameException;
import ru.openkassa.core.ofd.OfdMessage;
import ru.openkassa.core.ofd.OfdResponseCode;
import ru.openkassa.core.ofd.OperatorConfirmation;
import ru.openkassa.core.tlv.TlvFormatException;
import ru.openkassa.emulator.fn.FnSecret;

/**
 * An OFD (оператор фискальных данных) for virtual registers: takes documents over TCP in the
 * KKT→OFD framing, checks each one's fiscal sign with the drive's secret (derived from the
 * emulator master key, see {@link FnSecret}), keeps the good ones and answers every document with
 * an operator confirmation: code 0 accepted, 11 not recognised, 14 failed the format-logical
 * control (a forged or damaged sign, or the reject switch). An HTTP API like an OFD cabinet
 * shows what arrived ({@link OfdCabinet}).
 */
public final class OfdEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OfdEmulator.class.getName());

    /**
     * @param port       TCP port for registers; 0 picks a free one
     * @param httpPort   port of the cabinet API; 0 picks a free one, -1 for none
     * @param directory  where accepted documents are kept across restarts; null for memory only
     */
    public record Config(int port, int httpPort, String masterKey, String ofdInn, Path directory, Clock clock) {

        public Config {
            Objects.requireNonNull(masterKey, "masterKey");
            Objects.requireNonNull(ofdInn, "ofdInn");
            Objects.requireNonNull(clock, "clock");
        }

        public static Config of(int port, int httpPort) {
            return new Config(port, httpPort, FnSecret.DEMO_MASTER_KEY, "7704211201", null,
                    Clock.system(java.time.ZoneId.of("Europe/Moscow")));
        }

        public Config withDirectory(Path directory) {
            return new Config(port, httpPort, masterKey, ofdInn, directory, clock);
        }

        public Config withMasterKey(String masterKey) {
            return new Config(port, httpPort, masterKey, ofdInn, directory, clock);
        }
    }

    private final Config config;
    private final OfdArchive archive;
    private final OfdSwitches switches = new OfdSwitches(this::downChanged);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final Object listening = new Object();
    private final OfdCabinet cabinet;
    private volatile ServerSocket server;
    private volatile int port;
    private volatile boolean running = true;

    private OfdEmulator(Config config) {
        this.config = config;
        this.archive = new OfdArchive(config.directory());
        this.port = config.port();
        listen();
        this.port = server.getLocalPort();
        this.cabinet = config.httpPort() < 0 ? null : OfdCabinet.start(this, config.httpPort());
        LOG.log(Level.INFO, "OFD emulator on port {0}{1}", String.valueOf(port),
                cabinet == null ? "" : ", cabinet API on http port " + cabinet.port());
    }

    public static OfdEmulator start(int port, int httpPort) {
        return new OfdEmulator(Config.of(port, httpPort));
    }

    public static OfdEmulator start(Config config) {
        return new OfdEmulator(config);
    }

    public OfdSwitches switches() {
        return switches;
    }

    /** The TCP port registers connect to. */
    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The cabinet API's port, or -1 without one. */
    public int httpPort() {
        return cabinet == null ? -1 : cabinet.port();
    }

    public Optional<ReceivedDocument> document(String fnNumber, long fdNumber) {
        return archive.document(fnNumber, fdNumber);
    }

    /** Documents of an FN dated within {@code from..to} (inclusive; null is open). */
    public List<ReceivedDocument> documents(String fnNumber, LocalDate from, LocalDate to) {
        return archive.documents(fnNumber, from, to);
    }

    /** How many documents were answered with a code other than 0. */
    public long refusedCount() {
        return refused.get();
    }

    public void stop() {
        running = false;
        closeListener();
        if (cabinet != null) {
            cabinet.stop();
        }
        archive.close();
    }

    @Override
    public void close() {
        stop();
    }

    private void downChanged() {
        if (switches.down()) {
            closeListener();
            LOG.log(Level.INFO, "OFD emulator is down");
        } else if (running) {
            listen();
            LOG.log(Level.INFO, "OFD emulator is up on port {0}", String.valueOf(port));
        }
    }

    private void listen() {
        synchronized (listening) {
            if (server != null && !server.isClosed()) {
                return;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
                server = socket;
            } catch (IOException e) {
                throw new UncheckedIOException("OFD emulator cannot listen on port " + port, e);
            }
            ServerSocket accepting = server;
            Thread.ofVirtual().name("ofd-accept-" + port).start(() -> accept(accepting));
        }
    }

    /** Refuses new connections and cuts open ones. */
    private void closeListener() {
        synchronized (listening) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the OFD listener", e);
            }
            for (Socket connection : connections) {
                try {
                    connection.close();
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cutting an OFD connection", e);
                }
            }
        }
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                Socket connection = accepting.accept();
                connections.add(connection);
                Thread.ofVirtual().name("ofd-session").start(() -> serve(connection));
            } catch (IOException e) {
                if (!accepting.isClosed()) {
                    LOG.log(Level.WARNING, "OFD accept failed", e);
                }
            }
        }
    }

    /** One register's session: messages in, confirmations out, until it hangs up. */
    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                OfdMessage message;
                try {
                    message = OfdMessage.read(in);
                } catch (EOFException e) {
                    return; // the register hung up between messages
                } catch (OfdFrameException e) {
                    // Without a frame there is no FN or FD number to confirm; real OFDs drop the session.
                    LOG.log(Level.WARNING, "OFD: unreadable message, closing the session: {0}", e.getMessage());
                    return;
                }
                OfdMessage answer = message.answer(confirmationFor(message));
                if (!switches.slow().isZero()) {
                    Thread.sleep(switches.slow());
                }
                out.write(answer.encode());
                out.flush();
            }
        } catch (SocketException e) {
            // cut by the down switch or by the register
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "OFD session ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(connection);
        }
    }

    private OperatorConfirmation confirmationFor(OfdMessage message) {
        String fn = message.session().fn();
        long fd = message.container().fdNumber();
        OfdResponseCode code = check(message, fn);
        if (code != OfdResponseCode.ACCEPTED) {
            refused.incrementAndGet();
        }
        return new OperatorConfirmation(fn, fd, now().toLocalDateTime(), config.ofdInn(), code, null);
    }

    private OfdResponseCode check(OfdMessage message, String fn) {
        FiscalDocumentTlv document;
        long fd;
        try {
            document = message.document();
            fd = document.get(FfdTag.FISCAL_DOCUMENT_NUMBER).orElseThrow(() -> new TlvFormatException("no 1040"));
            if (!fn.equals(document.get(FfdTag.FISCAL_DRIVE_NUMBER).orElse(null))) {
                LOG.log(Level.WARNING, "OFD: FD {0} of FN {1} arrived in a session of FN {2}",
                        String.valueOf(fd), document.get(FfdTag.FISCAL_DRIVE_NUMBER).orElse("?"), fn);
                return OfdResponseCode.FAILED_FORMAT_CHECK;
            }
        } catch (TlvFormatException e) {
            LOG.log(Level.WARNING, "OFD: FN {0} sent a document that is not FFD TLV: {1}", fn, e.getMessage());
            return OfdResponseCode.NOT_RECOGNISED;
        }
        if (!document.hasValidSign(FnSecret.derive(config.masterKey(), fn).key())) {
            LOG.log(Level.WARNING, "OFD: FN {0} FD {1} has a fiscal sign its drive did not make", fn, String.valueOf(fd));
            return OfdResponseCode.FAILED_FORMAT_CHECK;
        }
        if (switches.reject()) {
            return OfdResponseCode.FAILED_FORMAT_CHECK;
        }
        OfdArchive.Kept kept = archive.keep(new ReceivedDocument(fn, fd, document, now()));
        if (kept == OfdArchive.Kept.CONFLICT) {
            // Two different signed documents with one number: the drive reused an FD number.
            LOG.log(Level.ERROR, "OFD: FN {0} sent a second, different FD {1}", fn, String.valueOf(fd));
            return OfdResponseCode.FAILED_FORMAT_CHECK;
        }
        return OfdResponseCode.ACCEPTED;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(config.clock()).truncatedTo(ChronoUnit.SECONDS);
    }
}
