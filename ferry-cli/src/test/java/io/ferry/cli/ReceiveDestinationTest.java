package io.ferry.cli;

import io.ferry.testkit.LoopDevice;
import io.ferry.testkit.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where {@code ferry receive} writes: a device in place and never replaced; what cannot take a stream refused at once. */
@Timeout(120)
class ReceiveDestinationTest {
    private static final int SIZE = 3 << 20;
    /** The file type bits of a character device (S_IFCHR) and a block device (S_IFBLK). */
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    @TempDir
    Path dir;

    /** Random data in the first half, a hole in the second: a device must be sent the zeros too. */
    private Path sparseSource() throws IOException {
        byte[] data = new byte[SIZE / 2];
        new Random(SIZE).nextBytes(data);
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(SIZE);
            file.write(data);
        }
        return source;
    }

    /** A /dev/null of the test's own (character device 1:3) at {@code dir/null}. */
    private Path nullDevice() throws Exception {
        Path node = dir.resolve("null");
        assumeTrue(SpecialFiles.characterDevice(node, 1, 3), "mknod needs root");
        return node;
    }

    private static int fileType(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode") & 0170000;
    }

    private static void receiveAndSend(Path source, String... receiveOptions) throws Exception {
        String[] args = new String[receiveOptions.length + 6];
        System.arraycopy(new String[] {"receive", "--listen", "127.0.0.1:0", "--token", "t", "--no-progress"}, 0, args, 0, 6);
        System.arraycopy(receiveOptions, 0, args, 6, receiveOptions.length);
        ReceiveRun receiver = new ReceiveRun(args);
        CliRun send = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--channels", "2",
                "--no-progress");
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
    }

    @Test
    void shouldWriteACharacterDeviceInPlaceAndLeaveNothingBesideIt() throws Exception {
        Path node = nullDevice();
        Path source = sparseSource();

        receiveAndSend(source, node.toString());

        assertThat(fileType(node)).as("still a character device").isEqualTo(CHARACTER_DEVICE);
        assertThat(Files.getAttribute(node, "unix:rdev")).as("still 1:3").isEqualTo((1L << 8) | 3);
        try (var listing = Files.list(dir)) {
            assertThat(listing).as("no .ferry-part, no .ferry-resume").containsExactlyInAnyOrder(node, source);
        }
    }

    @Test
    void shouldTakeOnlyATreeIntoAMissingDestinationNamedWithATrailingSlash() throws Exception {
        Path source = sparseSource();
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Files.copy(source, tree.resolve("inside.bin"));
        Path into = dir.resolve("into");

        ReceiveRun forFile = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--token", "t", "--no-progress", into + "/");
        CliRun file = CliRun.of("send", source.toString(), forFile.address(), "--token", "t", "--no-progress");
        assertThat(forFile.awaitExit()).isNotZero();
        assertThat(file.exitCode()).isNotZero();
        assertThat(file.err()).contains(into + " is a directory: the stream of a single file needs the path of a file or device");
        assertThat(into).as("made, as rsync makes it").isEmptyDirectory();

        receiveAndSend(tree, into + "/");
        assertThat(into.resolve("inside.bin")).hasSameBinaryContentAs(source);
    }

    @Test
    void shouldRefuseToResumeIntoACharacterDevice() throws Exception {
        Path node = nullDevice();
        CliRun resume = CliRun.of("receive", "--listen", "127.0.0.1:0", "--token", "t", "--resume", node.toString());
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).isEqualTo("ferry: cannot resume into " + node + ": it is a character device, which keeps "
                + "no resume record (what it holds cannot be known) (see 'ferry receive --help')\n");
    }

    @Test
    void shouldRefuseAResumeRecordForACharacterDevice() throws Exception {
        Path node = nullDevice();
        Path record = dir.resolve("null.record");
        CliRun refused = CliRun.of("receive", "--listen", "127.0.0.1:0", "--token", "t", "--resume-record=" + record,
                node.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("ferry: no resume record path for " + node + ": it is a character device, "
                + "which keeps no resume record (what it holds cannot be known) (see 'ferry receive --help')\n");
        assertThat(record).doesNotExist();
    }

    @Test
    void shouldRefuseAFifoBeforeListening() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(SpecialFiles.fifo(fifo), "mkfifo is not installed");
        CliRun refused = CliRun.of("receive", "--listen", "127.0.0.1:0", "--token", "t", fifo.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("ferry: " + fifo + " is a FIFO: a stream is written at offsets, in any order, "
                + "so it needs a file, a device or a directory (see 'ferry receive --help')\n");
    }

    @Test
    void shouldWriteABlockDeviceInPlaceWithItsRecordWhereTheOptionSays() throws Exception {
        Path source = sparseSource();
        byte[] garbage = new byte[SIZE];
        Arrays.fill(garbage, (byte) 0xff);
        Path backing = Files.write(dir.resolve("device.img"), garbage);
        Path record = dir.resolve("device.record");
        try (LoopDevice device = LoopDevice.attach(backing)) {
            assumeTrue(device != null, "loop devices need root and losetup");
            CliRun noRecord = CliRun.of("receive", "--listen", "127.0.0.1:0", "--token", "t", device.path.toString());
            assertThat(noRecord.exitCode()).isEqualTo(2);
            assertThat(noRecord.err()).startsWith("ferry: " + device.path + " is a block device: give its resume record "
                    + "a path of its own with --resume-record=FILE");

            receiveAndSend(source, "--resume-record=" + record, device.path.toString());

            assertThat(fileType(device.path)).as("still a block device").isEqualTo(BLOCK_DEVICE);
        }
        assertThat(Files.mismatch(source, backing)).as("first byte that differs (the hole's zeros written)").isEqualTo(-1);
        assertThat(record).as("removed at the end").doesNotExist();
    }
}
