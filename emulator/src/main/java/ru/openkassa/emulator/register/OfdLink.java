package ru.openkassa.emulator.register;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ofd.OfdFrameException;
import ru.openkassa.core.ofd.OfdMessage;
import ru.openkassa.core.ofd.OfdResponseCode;
import ru.openkassa.core.ofd.OperatorConfirmation;
import ru.openkassa.core.tlv.TlvFormatException;
import ru.openkassa.emulator.fn.FiscalDrive;
import ru.openkassa.emulator.fn.FnDocument;

/**
 * The register's link to its OFD: sends every document the drive holds unconfirmed, oldest
 * first, one message and one operator confirmation at a time, and hands each confirmation to the
 * drive. Only a confirmation with code 0 makes a document delivered; anything else leaves it in
 * the drive to be sent again, which is what keeps the 30-day clock honest.
 */
final class OfdLink {

    private static final System.Logger LOG = System.getLogger(OfdLink.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int ANSWER_TIMEOUT_MILLIS = 30_000;
    /** How often an idle link looks for documents even when nobody wakes it. */
    private static final long IDLE_CHECK_MILLIS = 5_000;
    /**
     * The FN's message sign (ФПС) is opaque to everyone but the OFD's crypto hardware; the OFD
     * emulator checks each document's own fiscal sign instead, so the message sign is zeros.
     */
    private static final byte[] MESSAGE_SIGN = new byte[OfdMessage.MESSAGE_SIGN_LENGTH];

    private final FiscalDrive drive;
    private final InetSocketAddress address;
    private final RegisterSwitches switches;
    private final Runnable onDelivered;
    private final Semaphore due = new Semaphore(0);
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Socket socket;

    OfdLink(FiscalDrive drive, InetSocketAddress address, RegisterSwitches switches, Runnable onDelivered) {
        this.drive = drive;
        this.address = address;
        this.switches = switches;
        this.onDelivered = onDelivered;
    }

    /** Whether the last attempt to reach the OFD got an answer. */
    boolean connected() {
        return connected && !switches.ofdUnreachable();
    }

    /** A fresh attempt to reach the OFD (a connection, nothing sent), for a connection check. */
    DeviceApi.OfdCheck probe() {
        if (switches.ofdUnreachable()) {
            return new DeviceApi.OfdCheck(false, null, "нет соединения с ОФД " + address);
        }
        long started = System.nanoTime();
        try (Socket probe = new Socket()) {
            probe.connect(address, CONNECT_TIMEOUT_MILLIS);
            return new DeviceApi.OfdCheck(true, (System.nanoTime() - started) / 1_000_000, null);
        } catch (IOException e) {
            return new DeviceApi.OfdCheck(false, null, "нет соединения с ОФД " + address + ": " + e.getMessage());
        }
    }

    void wake() {
        due.release();
    }

    void stop() {
        running = false;
        Socket open = socket;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing to unblock a read; nothing to add
            }
        }
        wake();
    }

    void run() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                if (switches.ofdUnreachable()) {
                    connected = false;
                    await(IDLE_CHECK_MILLIS);
                    continue;
                }
                List<FnDocument> unsent = drive.unsent();
                if (unsent.isEmpty()) {
                    await(IDLE_CHECK_MILLIS);
                    continue;
                }
                if (send(unsent)) {
                    backoff.reset();
                } else {
                    await(backoff.next().toMillis());
                }
            } catch (IOException | OfdFrameException | TlvFormatException e) {
                if (!running) {
                    return;
                }
                if (connected) {
                    LOG.log(Level.WARNING, "FN {0}: OFD link to {1} lost: {2}", drive.number(), address, e.toString());
                }
                connected = false;
                try {
                    await(backoff.next().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // the drive was closed under us by a stop or a crash
                }
                LOG.log(Level.ERROR, "FN " + drive.number() + ": OFD link failed; retrying", e);
                connected = false;
                try {
                    await(backoff.next().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** @return whether every document sent was accepted */
    private boolean send(List<FnDocument> unsent) throws IOException {
        boolean allAccepted = true;
        boolean delivered = false;
        try (Socket open = new Socket()) {
            socket = open;
            open.connect(address, CONNECT_TIMEOUT_MILLIS);
            open.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            OutputStream out = open.getOutputStream();
            InputStream in = new BufferedInputStream(open.getInputStream());
            for (FnDocument document : unsent) {
                if (!running || switches.ofdUnreachable()) {
                    break;
                }
                out.write(OfdMessage.fromRegister(drive.number(), FiscalDocumentTlv.parse(document.tlv()), MESSAGE_SIGN)
                        .encode());
                out.flush();
                OperatorConfirmation confirmation = OperatorConfirmation.from(OfdMessage.read(in).document());
                connected = true;
                if (!confirmation.fnNumber().equals(drive.number()) || confirmation.fdNumber() != document.fdNumber()) {
                    throw new IOException("the OFD confirmed FN " + confirmation.fnNumber() + " FD "
                            + confirmation.fdNumber() + " for FD " + document.fdNumber());
                }
                if (confirmation.code() != OfdResponseCode.ACCEPTED) {
                    LOG.log(Level.WARNING, "FN {0}: the OFD answered FD {1} with code {2}; it stays unsent",
                            drive.number(), String.valueOf(document.fdNumber()), String.valueOf(confirmation.code().code()));
                    allAccepted = false;
                    break;
                }
                delivered |= drive.confirm(document.fdNumber());
            }
        } finally {
            socket = null;
            if (delivered) {
                onDelivered.run();
            }
        }
        return allAccepted;
    }

    private void await(long millis) throws InterruptedException {
        due.tryAcquire(millis, TimeUnit.MILLISECONDS);
        due.drainPermits();
    }
}
