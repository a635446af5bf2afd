package ru.openkassa.emulator.fn;

/**
 * The drive refuses to form a document. A real drive answers with an error code and the
 * register's driver turns it into an ATOL error; {@link Reason} is that code.
 */
public final class FnRefusal extends RuntimeException {

    public enum Reason {
        /** 54-FZ art. 4.1: the key's validity ended. */
        EXPIRED,
        /** The archive holds no more documents. */
        ARCHIVE_FULL,
        /** 54-FZ art. 4.1 p.1: a document has waited 30 days for the OFD's confirmation. */
        OFD_WAIT_EXHAUSTED,
        /** The open shift is older than 24 hours: close it first. */
        SHIFT_EXPIRED,
        /** A receipt or a shift close without an open shift. */
        SHIFT_CLOSED,
        /** A shift open while one is open. */
        SHIFT_OPEN,
        /** The register's clock is before the last document's time: real drives refuse it too. */
        CLOCK_WENT_BACK
    }

    private final Reason reason;

    public FnRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
