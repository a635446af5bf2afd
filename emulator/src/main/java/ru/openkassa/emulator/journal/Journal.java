package ru.openkassa.emulator.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each framed as {@code [length u32][crc32c u32][payload]}, and
 * forced to disk before {@link #append} returns: whatever the register says afterwards (a result
 * to the server, a document to the OFD) is already on disk, so {@code kill -9} loses nothing that
 * anyone was told about.
 *
 * <p>Because every record is forced before the next one is written, a crash can only leave the
 * <em>last</em> record torn. {@link #open} drops such a tail and truncates the file there; a bad
 * record with good data after it is not a crash but damage, and opening refuses it rather than
 * silently forgetting documents (which would make the drive reuse fiscal document numbers).
 * Not thread-safe: its owner serialises appends.
 */
public final class Journal implements AutoCloseable {

    private static final int HEADER = 8;
    /** A fiscal document is at most 32 KiB; anything far larger is a garbage length. */
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final List<byte[]> recovered;
    private final long truncatedBytes;

    private Journal(Path file, FileChannel channel, List<byte[]> recovered, long truncatedBytes) {
        this.file = file;
        this.channel = channel;
        this.recovered = recovered;
        this.truncatedBytes = truncatedBytes;
    }

    /** Opens (creating it and its directory when absent) and reads back every whole record. */
    public static Journal open(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            boolean created = !Files.exists(file);
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                forceDirectory(dir); // the new file's name must survive a crash too
            }
            List<byte[]> records = new ArrayList<>();
            long size = channel.size();
            long end = readRecords(file, channel, size, records);
            if (end < size) {
                channel.truncate(end);
                channel.force(true);
            }
            channel.position(end);
            return new Journal(file, channel, List.copyOf(records), size - end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
    }

    private static long readRecords(Path file, FileChannel channel, long size, List<byte[]> into)
            throws IOException {
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position < size) {
            if (size - position < HEADER) {
                return position; // torn header
            }
            header.clear();
            readFully(channel, header, position);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            long recordEnd = position + HEADER + Integer.toUnsignedLong(length);
            if (length == 0 && crc == 0 && zerosFrom(channel, position, size)) {
                return position; // a zero-filled tail some file systems leave after a crash
            }
            if (recordEnd > size) {
                return position; // torn: the header was written, not all of the payload
            }
            if (length > MAX_RECORD) {
                throw damaged(file, position);
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, position + HEADER);
            CRC32C check = new CRC32C();
            check.update(payload.array());
            if ((int) check.getValue() != crc) {
                if (recordEnd == size) {
                    return position; // torn last record
                }
                throw damaged(file, position);
            }
            into.add(payload.array());
            position = recordEnd;
        }
        return position;
    }

    private static IllegalStateException damaged(Path file, long position) {
        return new IllegalStateException("journal " + file + " is damaged at byte " + position
                + ": a bad record followed by more data is not a crash; refusing to guess");
    }

    private static boolean zerosFrom(FileChannel channel, long position, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long at = position;
        while (at < size) {
            buffer.clear();
            int read = channel.read(buffer, at);
            if (read <= 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            at += read;
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of journal");
            }
            at += read;
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for reading; the file itself is still forced.
        }
    }

    /** The records found on disk when the journal was opened, oldest first. */
    public List<byte[]> recovered() {
        return recovered;
    }

    /** How many bytes of a torn last record were cut off when the journal was opened. */
    public long truncatedBytes() {
        return truncatedBytes;
    }

    /** Writes one record and forces it to disk before returning. */
    public void append(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
