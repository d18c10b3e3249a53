package io.ferry.cli;

import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.ScratchMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where {@code ferry get} writes and what {@code ferry put} reads: links, new files' mode, standard output and input, FIFOs. */
class GetPutDestinationTest {
    @TempDir
    Path dir;

    @Test
    void shouldGetThroughASymbolicLinkAndGiveANewFileTheDefaultModeUnderTheUmask() throws IOException {
        byte[] object = RandomFiles.bytes(1_500_000);
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", object);
            Path real = dir.resolve("real.bin");
            Path link = Files.createSymbolicLink(dir.resolve("link.bin"), real);
            Files.write(real, new byte[] {1});
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
            Path fresh = dir.resolve("fresh.bin");

            CliRun throughLink = CliRun.of("get", server.uri("/object.bin").toString(), link.toString(), "--no-progress");
            CliRun newFile = CliRun.of("get", server.uri("/object.bin").toString(), fresh.toString(), "--no-progress",
                    "--bs", "1g", "--slots", "1024");

            assertThat(throughLink.exitCode()).as(throughLink.err()).isZero();
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(Files.readAllBytes(real)).isEqualTo(object);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).as("kept").isEqualTo("rw-------");
            assertThat(newFile.exitCode()).as(newFile.err()).isZero();
            assertThat(Files.readAllBytes(fresh)).isEqualTo(object);
            assertThat(Files.getPosixFilePermissions(fresh)).as("0666 under the umask, as curl -o").isEqualTo(umasked);
        }
    }

    @Test
    void shouldSaveUnderTheObjectsNameWithoutFileAndIntoADirectory() throws Exception {
        byte[] object = RandomFiles.bytes(100_003);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/data/object.bin", object);
            String url = server.uri("/data/object.bin").toString() + "?version=1";
            Path here = Files.createDirectory(dir.resolve("here"));
            Path into = Files.createDirectory(dir.resolve("into"));

            int noFile = CliProcess.run(dir.resolve("out"), dir.resolve("err"), null, "cd " + here, "get", url, "--no-progress");
            CliRun intoDirectory = CliRun.of("get", url, into.toString(), "--no-progress");

            assertThat(noFile).as(Files.readString(dir.resolve("err"))).isZero();
            assertThat(Files.readAllBytes(here.resolve("object.bin"))).as("as curl -O names it").isEqualTo(object);
            assertThat(intoDirectory.exitCode()).as(intoDirectory.err()).isZero();
            assertThat(Files.readAllBytes(into.resolve("object.bin"))).isEqualTo(object);
        }
    }

    @Test
    void shouldGetToStandardOutputWithTheSummaryOnStderr() throws Exception {
        byte[] object = RandomFiles.bytes(3_000_001);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", object);
            for (String destination : new String[] {"-", "/dev/stdout"}) {
                Path out = dir.resolve("out");
                Path err = dir.resolve("err");

                int exit = CliProcess.run(out, err, null, "", "get", server.uri("/object.bin").toString(), destination,
                        "--bs", "256k", "--task-size", "64k");

                assertThat(exit).as(Files.readString(err)).isZero();
                assertThat(Files.readAllBytes(out)).as(destination).isEqualTo(object);
                assertThat(Files.readString(err)).contains("got 3000001 bytes");
            }
        }
    }

    @Test
    void shouldReadAWindowPerRequestIntoAFileOrDevNullAndABlockPerRequestIntoAFifo() throws Exception {
        byte[] object = RandomFiles.bytes(3_000_001);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", object);
            String url = server.uri("/object.bin").toString();
            Path file = dir.resolve("got.bin");
            Path fifo = dir.resolve("fifo");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

            CliRun intoFile = CliRun.of("get", url, file.toString(), "--no-progress", "--task-size", "256k", "--bs", "64k");
            List<String> fileRanges = ranges(server);
            CliRun intoNull = CliRun.of("get", url, "/dev/null", "--no-progress", "--task-size", "256k", "--bs", "64k");
            List<String> nullRanges = ranges(server);
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.readAllBytes(fifo);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliRun intoFifo = CliRun.of("get", url, fifo.toString(), "--no-progress", "--task-size", "256k", "--bs", "64k");

            assertThat(intoFile.exitCode()).as(intoFile.err()).isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(object);
            assertThat(fileRanges).as("one request per 256k window, read through 64k buffers").hasSize(12)
                    .contains("bytes=0-262143", "bytes=2883584-3000000");
            assertThat(intoNull.exitCode()).as(intoNull.err()).isZero();
            assertThat(nullRanges).as("/dev/null takes writes at offsets, so it is read in lanes too").isEqualTo(fileRanges);
            assertThat(intoFifo.exitCode()).as(intoFifo.err()).isZero();
            assertThat(reader.get(1, TimeUnit.MINUTES)).isEqualTo(object);
            assertThat(ranges(server)).as("in order: a request per block").hasSize(46).contains("bytes=0-65535");
        }
    }

    /** The ranges of the GETs the server answered since the last call, the open's first byte left out; clears them. */
    private static List<String> ranges(FaultyHttpServer server) {
        List<String> ranges = server.requests().stream().filter(r -> r.method().equals("GET"))
                .map(r -> r.header("Range")).filter(range -> !range.equals("bytes=0-0")).sorted().toList();
        server.clearRequests();
        return ranges;
    }

    @Test
    void shouldFailOnAFullDiskBeforeTheDownloadAndLeaveNothingThere() throws Exception {
        byte[] object = RandomFiles.bytes(2_000_000);
        try (FaultyHttpServer server = FaultyHttpServer.start();
             ScratchMount small = ScratchMount.ext4(dir.resolve("small"), 1 << 20)) {
            assumeTrue(small != null, "making and mounting an ext4 needs root, mkfs.ext4 and loop devices");
            server.put("/object.bin", object);
            Path target = small.path.resolve("object.bin");

            CliRun full = CliRun.of("get", server.uri("/object.bin").toString(), target.toString(), "--no-progress");

            CopyCommandTest.assertOneLineError(full, 1, target.toString(), "ENOSPC (no space left on device)");
            assertThat(full.err()).doesNotContain(".part", ".ferry-");
            assertThat(server.requests()).as("only the size was asked for").hasSize(1);
            try (Stream<Path> left = Files.list(small.path)) {
                assertThat(left).as("nothing left on the full disk").containsExactly(small.path.resolve("lost+found"));
            }
        }
    }

    @Test
    void shouldPutStandardInputAndAFifo() throws Exception {
        byte[] fromStdin = RandomFiles.bytes(2_000_003);
        byte[] fromFifo = RandomFiles.bytes(1_000_033);
        Path stdin = Files.write(dir.resolve("stdin.bin"), fromStdin);
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            Path err = dir.resolve("err");
            int exit = CliProcess.run(dir.resolve("out"), err, stdin, "", "put", "-", server.uri("/stdin.bin").toString());
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    out.write(fromFifo);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliRun fromPipe = CliRun.of("put", fifo.toString(), server.uri("/fifo.bin").toString(), "--no-progress");
            writer.get(1, TimeUnit.MINUTES);

            assertThat(exit).as(Files.readString(err)).isZero();
            assertThat(server.content("/stdin.bin")).hasValue(fromStdin);
            assertThat(fromPipe.exitCode()).as(fromPipe.err()).isZero();
            assertThat(server.content("/fifo.bin")).hasValue(fromFifo);
        }
    }
}
