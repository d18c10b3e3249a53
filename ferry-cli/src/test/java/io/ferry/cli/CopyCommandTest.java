package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CopyCommandTest {
    @TempDir
    Path dir;

    private Path source(int size) throws IOException {
        return RandomFiles.write(dir, "source.bin", size);
    }

    private long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void shouldCopyAndVerifyByteForByte() throws IOException {
        Path source = source(3 * (1 << 20) + 12345);
        Path target = dir.resolve("target.bin");

        CliRun run = CliRun.of("copy", source.toString(), target.toString(), "--verify", "--bs", "1m", "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("copied 3158073 bytes", "verified");
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
        assertThat(filesIn(dir)).as("no temporary file is left").isEqualTo(2);
    }

    @Test
    void shouldCopyWithDirectIoIncludingAnUnalignedTail() throws IOException {
        Path source = source((1 << 20) + 777);
        Path target = dir.resolve("direct.bin");

        CliRun run = CliRun.of("copy", source.toString(), target.toString(), "--direct", "--verify", "--bs", "64k",
                "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void shouldCopyIntoADirectoryAndReplaceAnExistingFile() throws IOException {
        Path source = source(100_000);
        Path into = Files.createDirectory(dir.resolve("into"));
        Files.writeString(into.resolve("source.bin"), "old content");

        CliRun run = CliRun.of("copy", source.toString(), into.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(into.resolve("source.bin"))).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void shouldCopyAnEmptyFile() throws IOException {
        Path source = Files.createFile(dir.resolve("empty"));
        CliRun run = CliRun.of("copy", source.toString(), dir.resolve("copy").toString(), "--verify", "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(dir.resolve("copy"))).isZero();
    }

    @Test
    void shouldExplainUserErrorsInOneLine() throws IOException {
        Path source = source(10);
        assertOneLineError(CliRun.of("copy", dir.resolve("missing").toString(), "x"), 1, "missing: no such file");
        assertOneLineError(CliRun.of("copy", source.toString(), source.toString()), 1, "are the same file");
        assertOneLineError(CliRun.of("copy", source.toString(), dir.resolve("no/such/dir/x").toString()), 1,
                "no such directory");
        assertOneLineError(CliRun.of("copy", source.toString()), 2, "Missing required parameter", "ferry copy --help");
        assertOneLineError(CliRun.of("copy", "--bs", "huge", source.toString(), "x"), 2, "'huge' is not a size");
        assertOneLineError(CliRun.of("copy", "--ioengine", "nope", source.toString(), dir.resolve("y").toString(),
                "--no-progress"), 2, "unknown engine 'nope'", "psync");
        assertThat(filesIn(dir)).as("failed copies leave nothing behind").isEqualTo(1);
    }

    @Test
    void shouldReportAWriteErrorOfADevice() throws IOException {
        Path source = source(200_000);
        assertOneLineError(CliRun.of("copy", source.toString(), "/dev/full", "--no-progress"), 1, "ENOSPC", "/dev/full");
    }

    static void assertOneLineError(CliRun run, int exitCode, String... phrases) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().strip()).as("one line, no stack trace").doesNotContain("\n").contains(phrases);
    }
}
