package ru.openkassa.emulator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void records_come_back_in_order_after_reopening() {
        Path file = dir.resolve("a.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(text("one"));
            journal.append(text("two"));
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).extracting(JournalTest::text).containsExactly("one", "two");
            journal.append(text("three"));
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).extracting(JournalTest::text).containsExactly("one", "two", "three");
        }
    }

    @Test
    void a_record_torn_by_a_crash_mid_write_is_dropped_and_the_file_cut_there() throws IOException {
        Path file = dir.resolve("a.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(text("one"));
            journal.append(text("two"));
        }
        long whole = Files.size(file);
        // A header announcing 100 bytes, and only 5 of them: the process died inside write().
        byte[] torn = {100, 0, 0, 0, 1, 2, 3, 4, 'h', 'a', 'l', 'f', '!'};
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(torn);
        header.putInt(0, 100);
        Files.write(file, torn, StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).extracting(JournalTest::text).containsExactly("one", "two");
            assertThat(journal.truncatedBytes()).isEqualTo(torn.length);
            assertThat(Files.size(file)).isEqualTo(whole);
            journal.append(text("three"));
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).extracting(JournalTest::text).containsExactly("one", "two", "three");
        }
    }

    @Test
    void a_last_record_with_a_bad_checksum_is_torn_too() throws IOException {
        Path file = dir.resolve("a.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(text("one"));
            journal.append(text("two"));
        }
        flipLastByte(file);
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).extracting(JournalTest::text).containsExactly("one");
        }
    }

    @Test
    void a_zero_filled_tail_is_dropped() throws IOException {
        Path file = dir.resolve("a.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(text("one"));
        }
        Files.write(file, new byte[4096], StandardOpenOption.APPEND);
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).extracting(JournalTest::text).containsExactly("one");
        }
    }

    @Test
    void damage_in_the_middle_is_refused_rather_than_forgetting_what_follows() throws IOException {
        Path file = dir.resolve("a.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(text("one"));
            journal.append(text("two"));
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(9); // inside the first payload
            raw.write('X');
        }
        assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }

    private static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() - 1);
            int last = raw.read();
            raw.seek(raw.length() - 1);
            raw.write(last ^ 0xFF);
        }
    }
}
