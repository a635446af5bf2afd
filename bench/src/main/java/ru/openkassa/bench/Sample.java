package ru.openkassa.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One request of the load generator, as a CSV line. Times are microseconds since the epoch, taken
 * from one monotonic clock anchored to the wall clock once (so differences are exact and the
 * values compare with the server's timestamps on the same machine).
 *
 * @param phase      {@code warmup} or {@code measured}
 * @param dueUs      when the schedule wanted it sent
 * @param sentUs     when it was handed to the HTTP client
 * @param answeredUs when the whole answer was read; 0 without an answer
 * @param status     the HTTP status; 0 without an answer
 * @param uuid       the ATOL uuid of an accepted receipt, else empty
 * @param atolStatus the answer's {@code status} ({@code wait} when accepted), else empty
 * @param error      what went wrong (an error answer's text, an exception), else empty
 */
record Sample(String phase, long seq, String externalId, long dueUs, long sentUs, long answeredUs, int status,
        String uuid, String atolStatus, String error) {

    static final String HEADER = "phase,seq,external_id,due_epoch_us,sent_epoch_us,answered_epoch_us,status,uuid,atol_status,error";

    /** The {@code atolStatus} of a retry answered "external_id exists" with the uuid an earlier attempt got stored. */
    static final String STORED_EARLIER = "exists";

    boolean measured() {
        return "measured".equals(phase);
    }

    /**
     * The server acknowledged it has the receipt: an ATOL answer 200 {@code status: wait} with a uuid,
     * or, on a retry, error 33 naming the uuid an earlier attempt stored.
     */
    boolean accepted() {
        return (status / 100 == 2 || STORED_EARLIER.equals(atolStatus)) && !uuid.isEmpty();
    }

    String csv() {
        return String.join(",", phase, Long.toString(seq), externalId, Long.toString(dueUs), Long.toString(sentUs),
                Long.toString(answeredUs), Integer.toString(status), uuid, atolStatus, clean(error));
    }

    static Sample parse(String line) {
        String[] f = line.split(",", 10);
        if (f.length != 10) {
            throw new IllegalArgumentException("not a sample line: " + line);
        }
        return new Sample(f[0], Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Integer.parseInt(f[6]), f[7], f[8], f[9]);
    }

    static void write(Path file, Collection<Sample> samples) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (Sample sample : samples) {
                out.write(sample.csv());
                out.newLine();
            }
        }
    }

    static List<Sample> read(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (!HEADER.equals(line)) {
                throw new IOException(file + " is not a load generator CSV (header " + line + ")");
            }
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    samples.add(parse(line));
                }
            }
        }
        return samples;
    }

    /** The error text is the last field: no line breaks, no commas, at most 300 characters. */
    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\s,]+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) : flat;
    }
}
