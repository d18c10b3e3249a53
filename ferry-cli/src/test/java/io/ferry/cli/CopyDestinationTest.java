package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where {@code ferry copy} writes: through links, in place for devices, FIFOs and stdout, keeping what a replaced file was. */
class CopyDestinationTest {
    @TempDir
    Path dir;

    private Path source(String name, int size) throws IOException {
        return RandomFiles.write(dir, name, size);
    }

    private static CliRun copy(Path source, Object destination, String... options) {
        String[] args = Stream.concat(Stream.of("copy", source.toString(), destination.toString(), "--no-progress"),
                Stream.of(options)).toArray(String[]::new);
        return CliRun.of(args);
    }

    private static void assertCopied(CliRun run, Path source, Path written) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(source));
    }

    private long partFilesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void shouldWriteThroughASymbolicLinkAndKeepTheLink() throws IOException {
        Path source = source("source.bin", 300_000);
        Path real = Files.write(Files.createDirectory(dir.resolve("real")).resolve("file.bin"), new byte[] {1, 2, 3});
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("real", "file.bin"));

        assertCopied(copy(source, link, "--verify"), source, real);

        assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real", "file.bin"));
        assertThat(partFilesIn(dir.resolve("real"))).isZero();
    }

    @Test
    void shouldCreateTheFileThatADanglingLinkNames() throws IOException {
        Path source = source("source.bin", 70_000);
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), dir.resolve("created.bin"));

        assertCopied(copy(source, link), source, dir.resolve("created.bin"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void shouldKeepTheModeOwnerAndGroupOfAReplacedFile() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving a file to another user needs root");
        Path source = source("source.bin", 200_000);
        Path target = Files.write(dir.resolve("theirs.bin"), new byte[] {9, 9, 9});
        Files.setAttribute(target, "unix:uid", 1234);
        Files.setAttribute(target, "unix:gid", 5678);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));

        assertCopied(copy(source, target), source, target);

        assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(target, "unix:gid")).isEqualTo(5678);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void shouldCutALargerHardLinkedFileToTheSizeOfTheKernelsCopy() throws IOException {
        Path source = source("source.bin", 500_000);
        Path target = Files.write(dir.resolve("target.bin"), new byte[1_000_000]);
        Path other = Files.createLink(dir.resolve("other-name.bin"), target);

        assertCopied(copy(source, target), source, target);

        assertThat(Files.readAllBytes(other)).as("the other link sees the copy, cut to its size").isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void shouldKeepTheHardLinksOfAReplacedFileByWritingItInPlace() throws IOException {
        Path source = source("source.bin", 500_000);
        Path target = Files.write(dir.resolve("target.bin"), new byte[1_000_000]);
        Path other = Files.createLink(dir.resolve("other-name.bin"), target);
        Object inode = Files.getAttribute(target, "unix:ino");

        assertCopied(copy(source, target, "--verify", "--bs", "64k"), source, target);

        assertThat(Files.getAttribute(target, "unix:ino")).as("the same file").isEqualTo(inode);
        assertThat(Files.readAllBytes(other)).as("the other link sees the copy").isEqualTo(Files.readAllBytes(source));
        assertThat(Files.getAttribute(target, "unix:nlink")).isEqualTo(2);
        assertThat(partFilesIn(dir)).isZero();
    }

    @Test
    void shouldGiveANewFileThePermissionsOfTheSourceUnderTheUmask() throws IOException {
        Path source = source("source.bin", 10_000);
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r-----"));
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        Path target = dir.resolve("new.bin");

        assertCopied(copy(source, target), source, target);

        Set<PosixFilePermission> expected = PosixFilePermissions.fromString("rw-r-----");
        expected.retainAll(umasked);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    }

    @Test
    void shouldCopyToADestinationWhoseNameIsLongButValid() throws IOException {
        Path source = source("source.bin", 50_000);
        Path target = dir.resolve("n".repeat(PartFile.NAME_MAX_BYTES));
        Path unicode = dir.resolve("é".repeat(PartFile.NAME_MAX_BYTES / 2));

        assertCopied(copy(source, target), source, target);
        assertCopied(copy(source, unicode), source, unicode);
        assertThat(partFilesIn(dir)).isZero();
    }

    @Test
    void shouldCopyIntoADirectoryNamedWithATrailingSlash() throws IOException {
        Path source = source("source.bin", 50_000);
        Path into = Files.createDirectory(dir.resolve("into"));

        assertCopied(copy(source, into + "/"), source, into.resolve("source.bin"));
        assertCopied(copy(source, into + "/", "--through-memory"), source, into.resolve("source.bin"));
        assertThat(partFilesIn(into)).isZero();
    }

    @Test
    void shouldWriteAFifoInOrderAndLeaveItAFifo() throws Exception {
        Path source = source("source.bin", 3 * (1 << 20) + 123);
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        CliRun run = copy(source, fifo, "--bs", "64k", "--slots", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read.get(1, TimeUnit.MINUTES)).isEqualTo(Files.readAllBytes(source));
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.isSymbolicLink(fifo) || Files.isDirectory(fifo)).isFalse();
    }

    @Test
    void shouldWriteStandardOutputForDashAndForDevStdoutWithTheSummaryOnStderr() throws Exception {
        Path source = source("source.bin", 2 * (1 << 20) + 77);
        for (String destination : new String[] {"-", "/dev/stdout"}) {
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");

            int exit = CliProcess.run(out, err, null, "", "copy", source.toString(), destination, "--bs", "256k");

            assertThat(exit).as(Files.readString(err)).isZero();
            assertThat(Files.readAllBytes(out)).as(destination).isEqualTo(Files.readAllBytes(source));
            assertThat(Files.readString(err)).contains("copied 2097229 bytes");
        }
        assertThat(Files.isSymbolicLink(Path.of("/dev/stdout"))).as("/dev/stdout is still the system's link").isTrue();
    }

    @Test
    void shouldRemoveThePartFileThatAKilledCopyLeftWhenTheSameDestinationIsWrittenAgain() throws Exception {
        Path huge = dir.resolve("huge.bin");
        // Long enough that the copy, 4 KiB at a time, still runs when it is killed; not more, as the
        // temporary file is reserved on the disk at this size from the start.
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(1L << 30);
        }
        Path target = dir.resolve("target.bin");
        Process child = CliProcess.start(dir.resolve("out"), dir.resolve("err"), null, "", "copy", huge.toString(),
                target.toString(), "--through-memory", "--bs", "4k", "--slots", "1", "--no-progress");
        Path part = dir.resolve(".target.bin.ferry-" + child.pid() + ".part");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!(Files.exists(part) && Files.size(part) > 0)) {
            assertThat(child.isAlive()).as("the copy is running: %s", Files.readString(dir.resolve("err"))).isTrue();
            assertThat(System.nanoTime() - deadline).as("the copy started writing within a minute").isNegative();
            Thread.onSpinWait();
        }
        child.destroyForcibly();
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(part).as("kill -9 leaves the temporary file").exists();
        Files.delete(huge);
        Path source = source("source.bin", 100_000);

        CliRun again = copy(source, target);

        assertCopied(again, source, target);
        assertThat(part).as("removed by the next copy to the same destination").doesNotExist();
        assertThat(again.err()).contains("removed " + part, "left by process " + child.pid());
    }

    @Test
    void shouldKeepThePartFileOfAProcessThatStillRuns() throws IOException {
        Path source = source("source.bin", 10_000);
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path part = Files.write(dir.resolve(".target.bin.ferry-" + alive + ".part"), new byte[] {1});

        assertCopied(copy(source, dir.resolve("target.bin")), source, dir.resolve("target.bin"));

        assertThat(part).exists();
    }

    @Test
    void shouldSizeItsBuffersByTheDataNotBySlotsTimesBlockSize() throws Exception {
        Path source = source("source.bin", 1 << 20);
        Path target = dir.resolve("target.bin");
        Path err = dir.resolve("err");

        // 3 GB of address space: the JVM fits, one 1 GiB buffer more would not, 1024 of them never.
        int exit = CliProcess.run(dir.resolve("out"), err, null, "ulimit -v 3000000", "copy", source.toString(),
                target.toString(), "--bs", "1g", "--slots", "1024", "--verify", "--no-progress");

        assertThat(exit).as(Files.readString(err)).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void shouldRefuseBuffersBeyondTheMemoryBudgetBeforeAllocatingAny() throws IOException {
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(1L << 40);
        }

        CliRun run = copy(huge, dir.resolve("target.bin"), "--bs", "1g", "--slots", "1024");

        CopyCommandTest.assertOneLineError(run, 2, "--bs 1g x 1024 slots in use (--slots 1024, for 1.0t of data)",
                "exceeds the memory budget");
        assertThat(dir.resolve("target.bin")).doesNotExist();
        assertThat(partFilesIn(dir)).isZero();
    }

    @Test
    void shouldDriveTheFileBackendWithOneShardWhateverFerryFileShardsSays() throws Exception {
        Path source = source("source.bin", 1 << 20);
        Path target = dir.resolve("target.bin");
        Path err = dir.resolve("err");

        // 1024 shards would take 1024 pools of 16 bounce buffers of 1 MiB: 16 GiB, in 3 GB of address space.
        int exit = CliProcess.run(dir.resolve("out"), err, null, "ulimit -v 3000000 && export FERRY_FILE_SHARDS=1024",
                "copy", source.toString(), target.toString(), "--through-memory", "--no-progress");

        assertThat(exit).as(Files.readString(err)).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void shouldNameTheDestinationNotTheTemporaryFileWhenTheDiskIsFullOrReadOnly() throws Exception {
        Path source = source("source.bin", 2 << 20);
        Path small = Files.createDirectory(dir.resolve("small"));
        assumeTrue(mount(small, "-t", "tmpfs", "-o", "size=256k", "tmpfs"), "mounting a tmpfs needs root");
        try {
            Path target = small.resolve("target.bin");
            CliRun fullByKernel = copy(source, target);
            CliRun fullThroughMemory = copy(source, target, "--through-memory");
            assertThat(mount(small, "-o", "remount,ro")).isTrue();
            CliRun readOnly = copy(source, target);

            for (CliRun full : List.of(fullByKernel, fullThroughMemory)) {
                CopyCommandTest.assertOneLineError(full, 1, target.toString(), "ENOSPC (no space left on device)");
                assertThat(full.err()).doesNotContain(".part", ".ferry-");
            }
            CopyCommandTest.assertOneLineError(readOnly, 1, target.toString(), "EROFS (read-only file system)");
            assertThat(readOnly.err()).doesNotContain(".part", ".ferry-");
            try (Stream<Path> left = Files.list(small)) {
                assertThat(left).as("nothing left on the full disk").isEmpty();
            }
        } finally {
            assertThat(new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor()).isZero();
        }
    }

    /** {@code mount OPTIONS... WHERE}; false when it failed (no permission to mount). */
    private static boolean mount(Path where, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(options));
        command.add(where.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    }

    @Test
    void shouldCopyWithoutFsyncWhenAsked() throws IOException {
        Path source = source("source.bin", 123_456);
        assertCopied(copy(source, dir.resolve("target.bin"), "--no-fsync"), source, dir.resolve("target.bin"));
    }
}
