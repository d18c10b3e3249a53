package io.ferry.stream;

import io.ferry.file.DirectMode;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Sources;
import io.ferry.testkit.DirectIo;
import io.ferry.testkit.ScratchMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A receiver that writes its destination with O_DIRECT ({@link ReceiverOptions#withDirect}), or through
 * the page cache where the file system refuses O_DIRECT and it was only preferred.
 */
@Timeout(120)
class DirectWriteTest {
    private static final int BLOCK = 65536;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DirectMode.class, names = {"PREFERRED", "REQUIRED"})
    void shouldDeliverEveryByteWrittenPastThePageCache(DirectMode mode) throws IOException {
        assumeTrue(DirectIo.isSupportedIn(dir), "the file system of " + dir + " does not support O_DIRECT");
        // Text, then zero blocks, then noise, and a tail that is not a multiple of any sector.
        byte[] data = RoundTripTest.mixedBytes(91, 24 * BLOCK + 1234);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(dest, ReceiverOptions.from(Settings.defaults()).withDirect(mode));
            tcp.send(options(), Sources.file(source, BLOCK));
            tcp.runUntil(() -> tcp.receiver.bytesWritten() > 0);
            assertThat(openFlags(dir.resolve(".dest.bin.ferry-part"))).as("O_DIRECT (beside a buffered descriptor for unaligned tails)")
                    .contains(true);
            tcp.runToEnd();
            assertThat(tcp.receiver.failure()).isNull();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.ackedSync()).as("sync points were confirmed on the way").isGreaterThan(1);
            tcp.runUntilAllClosed();
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(dir.resolve(".dest.bin.ferry-part")).doesNotExist();
    }

    @Test
    void shouldWriteThroughThePageCacheWhereTheFileSystemRefusesODirectUnlessItIsRequired() throws Exception {
        byte[] data = RoundTripTest.mixedBytes(92, 9 * BLOCK + 77);
        Path source = Files.write(dir.resolve("source.bin"), data);
        try (ScratchMount ramfs = ScratchMount.ramfs(dir.resolve("ramfs"))) {
            assumeTrue(ramfs != null, "mounting a ramfs needs root and mount(8)");
            Path preferred = ramfs.path.resolve("preferred.bin");
            try (TcpLoop tcp = new TcpLoop()) {
                tcp.receive(preferred, ReceiverOptions.from(Settings.defaults()).withDirect(DirectMode.PREFERRED));
                tcp.send(options(), Sources.file(source, BLOCK));
                tcp.runToEnd();
                assertThat(tcp.receiver.failure()).isNull();
                tcp.runUntilAllClosed();
            }
            assertThat(Files.readAllBytes(preferred)).isEqualTo(data);

            Path required = ramfs.path.resolve("required.bin");
            try (TcpLoop tcp = new TcpLoop()) {
                tcp.receive(required, ReceiverOptions.from(Settings.defaults()).withDirect(DirectMode.REQUIRED));
                tcp.send(options(), Sources.file(source, BLOCK));
                tcp.runToEnd();
                assertThat(tcp.receiver.state()).isEqualTo(StreamState.FAILED);
                assertThat(tcp.receiver.failure()).hasMessageContaining("does not support direct I/O");
                tcp.runUntilAllClosed();
            }
            assertThat(required).doesNotExist();
        }
    }

    private static StreamOptions options() {
        return StreamOptions.from(Settings.defaults()).withChannels(4).withCodec(Codec.parse("none"))
                .withBlockSize(BLOCK, 4L * BLOCK);
    }

    /** For each descriptor of this process open on {@code file}: whether it has O_DIRECT (octal 040000). */
    private static List<Boolean> openFlags(Path file) throws IOException {
        List<Boolean> direct = new ArrayList<>();
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : descriptors.toList()) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException gone) {
                    continue;
                }
                if (target.equals(file)) {
                    String flags = Files.readAllLines(Path.of("/proc/self/fdinfo").resolve(fd.getFileName())).stream()
                            .filter(line -> line.startsWith("flags:")).findFirst().orElseThrow();
                    direct.add((Long.parseLong(flags.substring(6).trim(), 8) & 040000) != 0);
                }
            }
        }
        return direct;
    }
}
