package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Sources;
import io.ferry.testkit.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a receiver does with each kind of DEST, over loopback sockets: devices in place, FIFOs refused, misfits refused. */
@Timeout(120)
class DestinationKindTest {
    static final int BLOCK = 65536;
    /** makedev(1, 3): the numbers of /dev/null. */
    static final long NULL_DEVICE = (1 << 8) | 3;

    @TempDir
    Path dir;

    private static StreamOptions options() {
        return StreamOptions.from(Settings.defaults()).withChannels(2).withCodec(Codec.LZ4).withBlockSize(BLOCK, 2L * BLOCK);
    }

    /** Data, then a hole: a device must be sent the hole's zeros too. */
    private Path sparseSource() throws IOException {
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(12L * BLOCK);
            file.write(RoundTripTest.mixedBytes(5, 3 * BLOCK));
        }
        return source;
    }

    private Path nullDevice() throws Exception {
        Path node = dir.resolve("null");
        assumeTrue(SpecialFiles.characterDevice(node, 1, 3), "mknod needs root");
        return node;
    }

    private static ReceiverOptions receiverOptions() {
        return ReceiverOptions.from(Settings.defaults());
    }

    @Test
    void shouldWriteACharacterDeviceInPlaceWithoutTemporaryFileOrRecord() throws Exception {
        Path node = nullDevice();
        Path source = sparseSource();
        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(node, receiverOptions());
            tcp.send(options(), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(tcp.receiver.failure()).isNull();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.ackedSync()).as("sync points were confirmed on the way").isGreaterThan(1);
            assertThat(tcp.receiver.bytesWritten()).as("the hole's zeros were written too").isEqualTo(Files.size(source));
            assertThat(tcp.receiver.bytesDone()).as("and counted once").isEqualTo(Files.size(source));
            assertThat(tcp.receiver.recordPath()).as("no record is kept").isNull();
            tcp.runUntilAllClosed();
        }
        assertThat(DestinationKind.of(node)).isEqualTo(DestinationKind.CHARACTER_DEVICE);
        assertThat(Files.getAttribute(node, "unix:rdev")).isEqualTo(NULL_DEVICE);
        try (var listing = Files.list(dir)) {
            assertThat(listing).as("nothing beside the device").containsExactlyInAnyOrder(node, source);
        }
    }

    @Test
    void shouldRefuseToResumeIntoACharacterDevice() throws Exception {
        Path node = nullDevice();
        try (TcpLoop tcp = new TcpLoop()) {
            assertThatThrownBy(() -> new StreamReceiver(receiverOptions().withResume(true), tcp.agent, tcp.files, node))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("cannot resume into " + node + ": it is a character "
                                + "device, which keeps no resume record (what it holds cannot be known)");
                    });
        }
    }

    @Test
    void shouldRefuseARecordPathForACharacterDevice() throws Exception {
        Path node = nullDevice();
        Path record = dir.resolve("null.record");
        try (TcpLoop tcp = new TcpLoop()) {
            assertThatThrownBy(() -> new StreamReceiver(receiverOptions().withRecordPath(record), tcp.agent, tcp.files, node))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("no resume record path for " + node + ": it is a "
                                + "character device, which keeps no resume record (what it holds cannot be known)");
                    });
        }
        assertThat(record).doesNotExist();
    }

    @Test
    void shouldRefuseAFifoBeforeAnyConnection() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(SpecialFiles.fifo(fifo), "mkfifo is not installed");
        try (TcpLoop tcp = new TcpLoop()) {
            assertThatThrownBy(() -> new StreamReceiver(receiverOptions(), tcp.agent, tcp.files, fifo))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo(fifo + " is a FIFO: a stream is written at offsets, in "
                                + "any order, so it needs a file, a device or a directory");
                    });
        }
        assertThat(DestinationKind.of(fifo)).isEqualTo(DestinationKind.FIFO);
    }

    @Test
    void shouldRefuseATreeIntoAnExistingFileAndLeaveTheFileAlone() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.write(tree.resolve("a.bin"), RoundTripTest.mixedBytes(3, 1000));
        Path dest = Files.writeString(dir.resolve("dest"), "a file, not a directory");
        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(dest, receiverOptions());
            tcp.send(options(), Sources.tree(tree, BLOCK));
            tcp.runToEnd();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(tcp.receiver.failure().errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(tcp.receiver.failure().getMessage()).isEqualTo(dest + " is a regular file: the stream of a "
                    + "directory tree needs a directory (or a path that does not exist yet)");
            tcp.runUntilAllClosed();
        }
        assertThat(dest).hasContent("a file, not a directory");
        assertThat(dir.resolve("dest.ferry-resume")).doesNotExist();
    }

    @Test
    void shouldRefuseASingleFileIntoADirectory() throws Exception {
        Path source = sparseSource();
        Path dest = Files.createDirectories(dir.resolve("dest"));
        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(dest, receiverOptions());
            tcp.send(options(), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(tcp.receiver.failure().getMessage()).isEqualTo(dest + " is a directory: the stream of a single "
                    + "file needs the path of a file or device");
            tcp.runUntilAllClosed();
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactlyInAnyOrder(dest, source);
        }
        assertThat(dest).isEmptyDirectory();
    }

    @Test
    void shouldWriteThroughASymbolicLinkAndKeepTheLink() throws Exception {
        Path source = sparseSource();
        Path target = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("file.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("elsewhere/file.bin"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.bin"), Path.of("elsewhere/new.bin"));
        for (Path dest : new Path[] {link, dangling}) {
            try (TcpLoop tcp = new TcpLoop()) {
                tcp.receive(dest, receiverOptions());
                tcp.send(options(), Sources.file(source, BLOCK));
                tcp.runToEnd();
                assertThat(tcp.receiver.failure()).isNull();
                assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
                tcp.runUntilAllClosed();
            }
            assertThat(Files.isSymbolicLink(dest)).as("%s is still a link", dest).isTrue();
            assertThat(Files.mismatch(dest, source)).as("the bytes went through %s", dest).isEqualTo(-1);
        }
        assertThat(Files.mismatch(target, source)).isEqualTo(-1);
        try (var listing = Files.list(dir.resolve("elsewhere"))) {
            assertThat(listing).as("no temporary file left beside the targets")
                    .containsExactlyInAnyOrder(target, dir.resolve("elsewhere/new.bin"));
        }
    }
}
