package io.ferry.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Both file copy examples on a real file that spans many I/Os, checked byte for byte. */
class CopyFileTest {
    @TempDir
    Path directory;

    @Test
    void shouldCopyEveryByteWhenTheCallerPolls() throws IOException {
        Path source = ExampleFiles.random(directory.resolve("source.bin"), (5 << 20) + 4_321);
        Path destination = ExampleFiles.withJunk(directory.resolve("copy.bin"));

        CopyFile.copy(source, destination);

        assertThat(Files.readAllBytes(destination)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void shouldCopyEveryByteWhenPollThreadsDrive() throws Exception {
        Path source = ExampleFiles.random(directory.resolve("source.bin"), (5 << 20) + 4_321);
        Path destination = ExampleFiles.withJunk(directory.resolve("copy.bin"));

        CopyFileOnRuntime.copy(source, destination);

        assertThat(Files.readAllBytes(destination)).isEqualTo(Files.readAllBytes(source));
    }
}
