package ru.openkassa.emulator.fn;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import ru.openkassa.core.ffd.DocumentStamp;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ffd.RegisterFacts;
import ru.openkassa.core.ffd.ShiftCloseFacts;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.emulator.EmulatorJson;
import ru.openkassa.emulator.journal.Journal;

/**
 * The emulated fiscal drive (ФН): numbers every document without gaps (1040), signs it (1077),
 * counts shifts (1038) and receipts in a shift (1042), and keeps each document until the OFD
 * confirms it. It enforces what a real drive enforces — a receipt only in an open shift, a shift
 * of at most 24 hours, no documents after the key expired or after a document has waited 30 days
 * for the OFD — and leaves it to the register to react (close and reopen the shift, report the
 * error).
 *
 * <p>Every document is appended to the drive's journal and forced to disk before the method
 * returns it, so after {@code kill -9} the reopened drive continues the numbering exactly where
 * it stopped: no gap, no number used twice. Thread-safe.
 */
public final class FiscalDrive implements AutoCloseable {

    /** 54-FZ art. 4.1 p.1: the drive stops signing 30 days after an unconfirmed document. */
    public static final Duration OFD_WAIT_LIMIT = Duration.ofDays(30);
    public static final Duration SHIFT_LIMIT = Duration.ofHours(24);
    private static final String JOURNAL = "fn.journal";

    private final FiscalDriveConfig config;
    private final Clock clock;
    private final Journal journal;
    private final FnSecret secret;
    private final LocalDate expiresAt;
    private final NavigableMap<Long, FnDocument> documents = new TreeMap<>();
    private final TreeSet<Long> unconfirmed = new TreeSet<>();
    private final TreeSet<Long> confirmed = new TreeSet<>();
    private long lastFd;
    private FnStatus.Shift shift;

    private FiscalDrive(FiscalDriveConfig config, Journal journal) {
        this.config = config;
        this.clock = config.clock();
        this.journal = journal;
        this.secret = FnSecret.derive(config.masterKey(), config.fnNumber());
        LocalDate activatedExpiry = null;
        for (byte[] record : journal.recovered()) {
            FnEntry entry = EmulatorJson.MAPPER.readValue(record, FnEntry.class);
            switch (entry) {
                case FnEntry.Activated activated -> {
                    if (!activated.fnNumber().equals(config.fnNumber())) {
                        throw new IllegalStateException("directory " + config.directory() + " holds FN "
                                + activated.fnNumber() + ", not " + config.fnNumber());
                    }
                    activatedExpiry = LocalDate.parse(activated.expiresAt());
                }
                case FnEntry.Formed formed -> replay(formed);
                case FnEntry.Confirmed done -> {
                    unconfirmed.remove(done.fd());
                    confirmed.add(done.fd());
                }
            }
        }
        if (activatedExpiry == null) {
            // A fresh drive: its identity is the first record, so a directory is never reused by another FN.
            append(new FnEntry.Activated(config.fnNumber(), config.expiresAt().toString(), now().toString()));
            activatedExpiry = config.expiresAt();
        }
        this.expiresAt = activatedExpiry;
    }

    /** Opens the drive in its directory, creating it on first use and recovering after a crash. */
    public static FiscalDrive open(FiscalDriveConfig config) {
        return new FiscalDrive(config, Journal.open(config.directory().resolve(JOURNAL)));
    }

    /** The journal file of a drive directory (tests tear its last record to simulate a crash). */
    public static Path journalFile(Path directory) {
        return directory.resolve(JOURNAL);
    }

    private void replay(FnEntry.Formed formed) {
        if (formed.fd() != lastFd + 1) {
            throw new IllegalStateException("FN journal skips from FD " + lastFd + " to " + formed.fd());
        }
        FnDocument document = toDocument(formed);
        documents.put(document.fdNumber(), document);
        unconfirmed.add(document.fdNumber());
        lastFd = document.fdNumber();
        shift = switch (document.type()) {
            case SHIFT_OPEN -> new FnStatus.Shift(document.shiftNumber(), true, document.dateTime(), 0);
            case SHIFT_CLOSE -> new FnStatus.Shift(document.shiftNumber(), false, shift.openedAt(), shift.receipts());
            case RECEIPT, CORRECTION -> new FnStatus.Shift(shift.number(), true, shift.openedAt(),
                    document.numberInShift());
        };
    }

    private static FnDocument toDocument(FnEntry.Formed formed) {
        return new FnDocument(formed.fd(), FnDocumentType.ofCode(formed.type()),
                OffsetDateTime.parse(formed.dateTime()), formed.shift(), formed.numberInShift(),
                formed.fiscalSign(), Money.ofKopecks(formed.totalKopecks()), formed.tlv());
    }

    public String number() {
        return config.fnNumber();
    }

    public LocalDate expiresAt() {
        return expiresAt;
    }

    public RegisterFacts register() {
        return config.register();
    }

    /** Opens a shift (document 2). */
    public synchronized FnDocument openShift(String cashier) {
        OffsetDateTime at = admit();
        if (shift != null && shift.open()) {
            throw new FnRefusal(FnRefusal.Reason.SHIFT_OPEN, "shift " + shift.number() + " is open");
        }
        long number = shift == null ? 1 : shift.number() + 1;
        FnDocument document = form(FnDocumentType.SHIFT_OPEN, at, number, 0, Money.ZERO,
                stamp -> FiscalDocumentTlv.shiftOpen(config.register(), stamp, cashier, null));
        shift = new FnStatus.Shift(number, true, at, 0);
        return document;
    }

    /** Closes the open shift (document 5); allowed after 24 hours, that is what it is for. */
    public synchronized FnDocument closeShift(String cashier) {
        OffsetDateTime at = admit();
        requireOpenShift();
        long number = shift.number();
        ShiftCloseFacts facts = shiftCloseFacts();
        FnDocument document = form(FnDocumentType.SHIFT_CLOSE, at, number, 0, Money.ZERO,
                stamp -> FiscalDocumentTlv.shiftClose(config.register(), stamp, cashier, null, facts));
        shift = new FnStatus.Shift(number, false, shift.openedAt(), shift.receipts());
        return document;
    }

    /** Forms a receipt (3) or correction receipt (31) in the open shift of at most 24 hours. */
    public synchronized FnDocument registerReceipt(FiscalDocument receipt) {
        OffsetDateTime at = admit();
        requireOpenShift();
        if (Duration.between(shift.openedAt(), at).compareTo(SHIFT_LIMIT) > 0) {
            throw new FnRefusal(FnRefusal.Reason.SHIFT_EXPIRED,
                    "shift " + shift.number() + " opened at " + shift.openedAt() + " is older than 24 hours");
        }
        long numberInShift = shift.receipts() + 1;
        FnDocumentType type = receipt.isCorrection() ? FnDocumentType.CORRECTION : FnDocumentType.RECEIPT;
        Money total = receipt.total() == null ? Money.ZERO : receipt.total();
        FnDocument document = form(type, at, shift.number(), numberInShift, total,
                stamp -> FiscalDocumentTlv.receipt(receipt, config.register(), stamp, numberInShift));
        shift = new FnStatus.Shift(shift.number(), true, shift.openedAt(), numberInShift);
        return document;
    }

    /**
     * Takes the OFD's confirmation of a document. Repeating it is harmless: the OFD may confirm a
     * document twice when the register resent it after a lost answer.
     *
     * @return whether this confirmation was news
     */
    public synchronized boolean confirm(long fdNumber) {
        if (!documents.containsKey(fdNumber)) {
            throw new IllegalArgumentException("FN " + number() + " has no document " + fdNumber);
        }
        if (!unconfirmed.contains(fdNumber)) {
            return false;
        }
        append(new FnEntry.Confirmed(fdNumber, now().toString()));
        unconfirmed.remove(fdNumber);
        confirmed.add(fdNumber);
        return true;
    }

    public synchronized FnStatus status() {
        OffsetDateTime oldest = unconfirmed.isEmpty() ? null : documents.get(unconfirmed.first()).dateTime();
        int fill = (int) Math.min(100, lastFd * 100 / config.capacity());
        return new FnStatus(number(), expiresAt, lastFd, shift, unconfirmed.size(), oldest, fill);
    }

    /** Documents the OFD has not confirmed yet, oldest first. */
    public synchronized List<FnDocument> unsent() {
        return unconfirmed.stream().map(documents::get).toList();
    }

    public synchronized Optional<FnDocument> document(long fdNumber) {
        return Optional.ofNullable(documents.get(fdNumber));
    }

    /** Documents numbered above {@code fdNumber}, in order. */
    public synchronized List<FnDocument> documentsAfter(long fdNumber) {
        return new ArrayList<>(documents.tailMap(fdNumber, false).values());
    }

    /** FD numbers the OFD has confirmed, in order. */
    public synchronized List<Long> confirmedNumbers() {
        return List.copyOf(confirmed);
    }

    public synchronized boolean isConfirmed(long fdNumber) {
        return confirmed.contains(fdNumber);
    }

    /** Checks that the drive may form a document now, and gives the document's time. */
    private OffsetDateTime admit() {
        OffsetDateTime at = now();
        if (at.toLocalDate().isAfter(expiresAt)) {
            throw new FnRefusal(FnRefusal.Reason.EXPIRED, "FN " + number() + " expired on " + expiresAt);
        }
        if (lastFd >= config.capacity()) {
            throw new FnRefusal(FnRefusal.Reason.ARCHIVE_FULL,
                    "FN " + number() + " archive holds " + config.capacity() + " documents");
        }
        if (!unconfirmed.isEmpty()) {
            FnDocument oldest = documents.get(unconfirmed.first());
            if (Duration.between(oldest.dateTime(), at).compareTo(OFD_WAIT_LIMIT) > 0) {
                throw new FnRefusal(FnRefusal.Reason.OFD_WAIT_EXHAUSTED, "FD " + oldest.fdNumber()
                        + " of " + oldest.dateTime() + " has waited for the OFD more than 30 days");
            }
        }
        if (lastFd > 0 && at.isBefore(documents.get(lastFd).dateTime())) {
            throw new FnRefusal(FnRefusal.Reason.CLOCK_WENT_BACK, "the clock says " + at + ", FD " + lastFd
                    + " was formed at " + documents.get(lastFd).dateTime());
        }
        return at;
    }

    private void requireOpenShift() {
        if (shift == null || !shift.open()) {
            throw new FnRefusal(FnRefusal.Reason.SHIFT_CLOSED, "no open shift");
        }
    }

    /** The counters of a shift close report (document 5), before the report itself. */
    private ShiftCloseFacts shiftCloseFacts() {
        long documentsInShift = 1; // the close report counts itself
        for (FnDocument document : documents.descendingMap().values()) {
            documentsInShift++;
            if (document.type() == FnDocumentType.SHIFT_OPEN) {
                break;
            }
        }
        if (unconfirmed.isEmpty()) {
            return ShiftCloseFacts.allSent(shift.receipts(), documentsInShift);
        }
        FnDocument first = documents.get(unconfirmed.first());
        return new ShiftCloseFacts(shift.receipts(), documentsInShift, unconfirmed.size(),
                first.dateTime().toLocalDateTime(), first.fdNumber(), false);
    }

    private interface Content {
        FiscalDocumentTlv unsigned(DocumentStamp stamp);
    }

    /** Numbers, signs and journals a document: the one way a document comes into being. */
    private FnDocument form(FnDocumentType type, OffsetDateTime at, long shiftNumber, long numberInShift,
            Money total, Content content) {
        long fd = lastFd + 1;
        FiscalDocumentTlv signed = content.unsigned(new DocumentStamp(fd, at.toLocalDateTime(), shiftNumber))
                .signedBy(secret.key());
        long fiscalSign = signed.fiscalSign().orElseThrow().printed();
        FnEntry.Formed formed = new FnEntry.Formed(fd, type.code(), at.toString(), shiftNumber, numberInShift,
                fiscalSign, total.kopecks(), signed.toBytes());
        append(formed);
        FnDocument document = toDocument(formed);
        documents.put(fd, document);
        unconfirmed.add(fd);
        lastFd = fd;
        return document;
    }

    private void append(FnEntry entry) {
        journal.append(EmulatorJson.MAPPER.writerFor(FnEntry.class).writeValueAsBytes(entry));
    }

    /** Whole seconds: tag 1012 has no fraction, and the signed bytes must match the stored time. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        journal.close();
    }
}
