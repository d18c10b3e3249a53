package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry train}, the launcher's AOT training run: it works on this machine alone and leaves nothing behind. */
@Timeout(120)
class TrainCommandTest {
    @Test
    void shouldRunEveryTrainingCommandAndRemoveItsDirectory() throws IOException {
        List<Path> before = trainingDirectories();

        CliRun run = CliRun.of("train");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("the commands' own output is not shown").isEmpty();
        assertThat(trainingDirectories()).isEqualTo(before);
    }

    @Test
    void shouldNotListTheTrainingCommandInHelp() {
        assertThat(CliRun.of("--help").out()).contains("copy", "get").doesNotContain("train");
    }

    private static List<Path> trainingDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("ferry-train-")).sorted().toList();
        }
    }
}
