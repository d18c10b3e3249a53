package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The first error wins, tears every channel down, and leaves nothing that looks complete. */
class FailureTest {
    static final int BLOCK = 65536;

    @TempDir
    Path dir;

    private Path source(int blocks) throws IOException {
        return Files.write(dir.resolve("source.bin"), RoundTripTest.mixedBytes(blocks, blocks * BLOCK));
    }

    private static StreamOptions options(int channels) {
        return StreamOptions.from(Settings.defaults()).withChannels(channels).withCodec(Codec.zstd(1))
                .withBlockSize(BLOCK, 8L * BLOCK);
    }

    @Test
    void shouldFailCleanlyWhenAChannelIsKilledMidTransfer() throws IOException {
        Path source = source(40);
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(21)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(4), Sources.file(source, BLOCK));
            loop.runUntil(() -> loop.receiver.bytesWritten() > 10L * BLOCK);
            loop.clientEnds.get(2).kill();
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(loop.receiver.failure().getMessage()).contains("channel 2 was lost").contains("connection reset");
            assertThat(loop.sender.state()).isEqualTo(StreamState.FAILED);
            assertThat(loop.clientEnds).noneMatch(end -> end.isOpen());
            assertThat(loop.receiver.recordPath()).as("kept for a resume").isEqualTo(dir.resolve("dest.bin.ferry-resume"))
                    .exists();
        }
        assertThat(dest).as("no complete-looking destination").doesNotExist();
        assertThat(dir.resolve(".dest.bin.ferry-part")).exists();
    }

    @Test
    void shouldFailWithAClearErrorWhenAPacketIsCorrupt() throws IOException {
        Path source = source(12);
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(22)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(2).withCodec(Codec.NONE), Sources.file(source, BLOCK));
            // Channel 1 sends its handshake (64 bytes), then its first packet's header (64) and payload.
            loop.clientEnds.get(1).corruptSentByte(64 + 64 + 1000);
            loop.runToEnd();
            assertThat(loop.receiver.failure().errorCode()).isEqualTo(ErrorCode.VERIFY_FAILED);
            assertThat(loop.receiver.failure().getMessage()).contains("corrupt packet (checksum mismatch)")
                    .contains("channel 1");
            assertThat(loop.sender.failure().getMessage()).contains("the receiver stopped the stream: a corrupt packet");
        }
        assertThat(dest).doesNotExist();
    }

    @Test
    void shouldTimeOutWhenAChannelGoesSilent() throws IOException {
        Path source = source(20);
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(23)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()).withIdleTimeoutNs(2_000_000_000L));
            loop.send(options(2), Sources.file(source, BLOCK));
            loop.runUntil(() -> loop.receiver.bytesWritten() > 2L * BLOCK);
            loop.receiver.checkDeadlines(1_000_000_000L);
            // The network stops moving bytes: nothing arrives any more.
            loop.receiver.checkDeadlines(2_000_000_000L);
            assertThat(loop.receiver.state()).isEqualTo(StreamState.RUNNING);
            loop.receiver.checkDeadlines(3_000_000_001L);
            assertThat(loop.receiver.failure().errorCode()).isEqualTo(ErrorCode.TIMED_OUT);
            loop.runToEnd();
            assertThat(loop.sender.state()).isEqualTo(StreamState.FAILED);
        }
        assertThat(dest).doesNotExist();
    }
}
