package ru.openkassa.emulator.ofd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.emulator.EmulatorJson;
import ru.openkassa.emulator.journal.Journal;

/**
 * The documents the OFD accepted, per FN and FD number — the OFD's idempotency key: a document
 * sent again after a lost confirmation is the same document and is kept once. Held in memory,
 * and with a directory also in one journal per FN that is read back on start. Thread-safe.
 */
final class OfdArchive implements AutoCloseable {

    /** What happened to a document offered for keeping. */
    enum Kept { NEW, ALREADY, CONFLICT }

    private record Stored(long fd, String receivedAt, byte[] tlv) {
    }

    private final Path directory;
    private final Map<String, NavigableMap<Long, ReceivedDocument>> byFn = new HashMap<>();
    private final Map<String, Journal> journals = new HashMap<>();

    OfdArchive(Path directory) {
        this.directory = directory;
        if (directory != null) {
            load();
        }
    }

    private void load() {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".journal")).toList()) {
                    String fn = file.getFileName().toString().replace(".journal", "");
                    Journal journal = Journal.open(file);
                    journals.put(fn, journal);
                    NavigableMap<Long, ReceivedDocument> documents = byFn.computeIfAbsent(fn, k -> new TreeMap<>());
                    for (byte[] record : journal.recovered()) {
                        Stored stored = EmulatorJson.MAPPER.readValue(record, Stored.class);
                        documents.put(stored.fd(), new ReceivedDocument(fn, stored.fd(),
                                FiscalDocumentTlv.parse(stored.tlv()), OffsetDateTime.parse(stored.receivedAt())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OFD archive in " + directory, e);
        }
    }

    synchronized Kept keep(ReceivedDocument document) {
        NavigableMap<Long, ReceivedDocument> documents = byFn.computeIfAbsent(document.fnNumber(), k -> new TreeMap<>());
        ReceivedDocument existing = documents.get(document.fdNumber());
        if (existing != null) {
            return Arrays.equals(existing.document().toBytes(), document.document().toBytes()) ? Kept.ALREADY : Kept.CONFLICT;
        }
        if (directory != null) {
            journals.computeIfAbsent(document.fnNumber(), fn -> Journal.open(directory.resolve(fn + ".journal")))
                    .append(EmulatorJson.MAPPER.writeValueAsBytes(new Stored(document.fdNumber(),
                            document.receivedAt().toString(), document.document().toBytes())));
        }
        documents.put(document.fdNumber(), document);
        return Kept.NEW;
    }

    synchronized Optional<ReceivedDocument> document(String fn, long fd) {
        return Optional.ofNullable(byFn.getOrDefault(fn, new TreeMap<>()).get(fd));
    }

    /** Documents of an FN whose own date (1012) is within the days given; null bounds are open. */
    synchronized List<ReceivedDocument> documents(String fn, LocalDate from, LocalDate to) {
        List<ReceivedDocument> found = new ArrayList<>();
        for (ReceivedDocument document : byFn.getOrDefault(fn, new TreeMap<>()).values()) {
            LocalDate day = document.dateTime().toLocalDate();
            if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))) {
                found.add(document);
            }
        }
        return found;
    }

    synchronized int count() {
        return byFn.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public synchronized void close() {
        journals.values().forEach(Journal::close);
        journals.clear();
    }
}
