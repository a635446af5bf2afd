package ru.openkassa.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.openkassa.core.ffd.RegisterFacts;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.emulator.fn.FiscalDrive;
import ru.openkassa.emulator.fn.FiscalDriveConfig;
import ru.openkassa.emulator.fn.FnSecret;
import tools.jackson.databind.JsonNode;

/**
 * The register as its own process, killed with {@code kill -9} in the window between the drive
 * signing a receipt and the register reporting it, then started again on the same data.
 */
class RegisterProcessCrashTest {

    private static final String ID = RegisterId.issue(7).digits();
    private static final Pattern CRASH_POINT = Pattern.compile("CRASH POINT register \\d+ job (\\S+) FD (\\d+)");

    @TempDir
    Path dir;

    private final DeviceApiDouble server = DeviceApiDouble.start();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        server.close();
    }

    private Process launch(String name, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmulatorCommand.class.getName(), "registers",
                "--server", server.uri().toString(),
                "--ids-file", dir.resolve("ids.txt").toString(),
                "--data", dir.resolve("data").toString(),
                "--inn", Requests.INN, "--sno", "usn_income",
                "--heartbeat-seconds", "1"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private Matcher awaitCrashPoint(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = CRASH_POINT.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the register exited early:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no crash point in 60 s:\n" + Files.readString(log));
    }

    @Test
    void a_register_killed_after_signing_answers_the_task_with_the_same_fd_after_restart_and_prints_once()
            throws Exception {
        Files.writeString(dir.resolve("ids.txt"), "# one register\n" + ID + "\n");
        server.reofferAcked(true);
        Process first = launch("first", "--crash-after-fiscalize", "freeze");
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));

        Matcher crash = awaitCrashPoint(first, dir.resolve("first.err"));
        assertThat(crash.group(1)).isEqualTo("job-1");
        long signedFd = Long.parseLong(crash.group(2));
        assertThat(server.acks()).contains("task-1");
        assertThat(server.result("task-1")).isNull();
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = launch("second");
        JsonNode result = server.awaitResult("task-1", Duration.ofSeconds(60));
        assertThat(result.path("fiscal").path("fd_number").asLong()).isEqualTo(signedFd);
        server.awaitState(state -> true, Duration.ofSeconds(30));
        second.destroy(); // SIGTERM: the fleet stops cleanly and releases its files
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String fn = "9999" + ID + "01";
        try (FiscalDrive drive = FiscalDrive.open(new FiscalDriveConfig(dir.resolve("data").resolve(ID).resolve("fn-" + fn),
                new RegisterFacts("000000" + ID, fn, Requests.INN, null, "7704211201", null, null,
                        EnumSet.of(TaxSystem.USN_INCOME), null),
                LocalDate.now().plusYears(3), FnSecret.DEMO_MASTER_KEY, FiscalDriveConfig.DEFAULT_CAPACITY,
                java.time.Clock.systemUTC()))) {
            assertThat(drive.documentsAfter(0).stream().filter(d -> d.type().isReceipt()))
                    .singleElement()
                    .satisfies(receipt -> assertThat(receipt.fdNumber()).isEqualTo(signedFd));
        }
    }
}
