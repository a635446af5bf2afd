package ru.openkassa.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.emulator.fleet.RegisterFleet;

class EmulatorCommandTest {

    @TempDir
    Path dir;

    private static String[] args(String line) {
        return line.split(" ");
    }

    @Test
    void help_prints_the_usage_of_both_commands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(EmulatorCommand.run(args("--help"), new PrintStream(out, true, StandardCharsets.UTF_8))).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("openkassa-emulator.jar ofd", "registers",
                "--ids-file", "--crash-after-fiscalize", "--crash-mode");
    }

    @Test
    void usage_errors_say_what_is_wrong() throws IOException {
        assertThatThrownBy(() -> EmulatorCommand.run(args("registers --inn 5544332219"), System.out))
                .hasMessage("--server is required");
        assertThatThrownBy(() -> EmulatorCommand.run(args("registers --server http://x --speed 3"), System.out))
                .hasMessage("unknown option --speed");
        assertThatThrownBy(() -> EmulatorCommand.run(args("fly"), System.out))
                .hasMessageContaining("unknown command 'fly'");
        Path ids = Files.writeString(dir.resolve("ids.txt"), RegisterId.issue(1).digits() + "\n");
        assertThatThrownBy(() -> EmulatorCommand.run(args("registers --server http://localhost:8080 --ids-file "
                + ids + " --inn 5544332219 --sno simplified"), System.out))
                .hasMessageContaining("unknown tax system 'simplified'");
        assertThatThrownBy(() -> EmulatorCommand.run(args("registers --server localhost:8080 --ids-file "
                + ids + " --inn 5544332219"), System.out))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> EmulatorCommand.run(args("registers --server http://localhost:8080 --ids-file "
                + ids + " --inn 5544332219 --crash-mode explode"), System.out))
                .hasMessage("--crash-mode is halt or freeze, not 'explode'");
    }

    @Test
    void an_ids_file_names_registers_with_optional_serials_and_points_at_a_mistyped_id() throws IOException {
        String first = RegisterId.issue(1).digits();
        String second = RegisterId.issue(2).digits();
        Path ids = Files.writeString(dir.resolve("ids.txt"), """
                # register id, serial
                %s 00106700000001

                %s
                """.formatted(first, second));
        assertThat(RegisterFleet.readIds(ids)).containsExactly(
                new RegisterFleet.Member(first, "00106700000001"), new RegisterFleet.Member(second, null));

        String mistyped = first.substring(0, 9) + (char) ('0' + (first.charAt(9) - '0' + 1) % 10);
        Path bad = Files.writeString(dir.resolve("bad.txt"), first + "\n" + mistyped + "\n");
        assertThatThrownBy(() -> RegisterFleet.readIds(bad))
                .hasMessageContaining("line 2")
                .hasMessageContaining("check digit");
    }
}
