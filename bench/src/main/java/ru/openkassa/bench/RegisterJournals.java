package ru.openkassa.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads, without changing anything, the job journals of the virtual registers
 * ({@code <data>/<register ID>/jobs.journal}, the emulator's format: records framed as
 * {@code [length u32][crc32c u32][JSON]}): which job each register fiscalized into which FN and FD
 * number. That is the registers' side of the truth, independent of what the server recorded: a
 * receipt whose result never reached the server is still found here, and a job fiscalized twice
 * shows as two FD numbers. A journal being appended to is read up to its last whole record.
 */
final class RegisterJournals {

    /** A {@code finished} record with a fiscal outcome: the drive formed this receipt for this job. */
    record Fiscalized(String registerDir, String jobId, String fnNumber, long fdNumber) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegisterJournals() {
    }

    static List<Fiscalized> read(Path dataDirectory) throws IOException {
        List<Fiscalized> fiscalized = new ArrayList<>();
        if (!Files.isDirectory(dataDirectory)) {
            return fiscalized;
        }
        try (Stream<Path> registers = Files.list(dataDirectory)) {
            for (Path register : registers.sorted().toList()) {
                Path journal = register.resolve("jobs.journal");
                if (Files.isRegularFile(journal)) {
                    fiscalized.addAll(parse(register.getFileName().toString(), Files.readAllBytes(journal)));
                }
            }
        }
        return fiscalized;
    }

    static List<Fiscalized> parse(String registerDir, byte[] bytes) {
        List<Fiscalized> fiscalized = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        while (buffer.remaining() >= 8) {
            int length = buffer.getInt();
            int crc = buffer.getInt();
            if (length <= 0 || length > buffer.remaining()) {
                break; // a torn or zero-filled tail
            }
            byte[] payload = new byte[length];
            buffer.get(payload);
            CRC32C check = new CRC32C();
            check.update(payload);
            if ((int) check.getValue() != crc) {
                break;
            }
            try {
                JsonNode record = JSON.readTree(payload);
                JsonNode fiscal = record.path("outcome").path("fiscal");
                if ("finished".equals(record.path("kind").asString("")) && fiscal.isObject()) {
                    fiscalized.add(new Fiscalized(registerDir, record.path("job_id").asString(),
                            fiscal.path("fn_number").asString(), fiscal.path("fd_number").asLong()));
                }
            } catch (JacksonException e) {
                break;
            }
        }
        return fiscalized;
    }
}
