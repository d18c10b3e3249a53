package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.internal.DestinationLock;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.send.ImageWriter;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer at a time into a destination or an image ({@link DestinationLock}). */
@Timeout(60)
class ReceiveLockTest {
    private static final int BLOCK = 65536;

    @TempDir
    Path dir;

    @Test
    void shouldKeepASecondReceiverOutUntilTheFirstIsClosed() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(93, 5 * BLOCK + 3);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        Path lock = dir.resolve("dest.bin.ferry-resume.lock");
        try (TcpLoop first = new TcpLoop()) {
            first.receive(dest, ReceiverOptions.from(Settings.defaults()));
            assertThat(lock).exists();
            try (TcpLoop second = new TcpLoop()) {
                assertThatThrownBy(() -> new StreamReceiver(ReceiverOptions.from(Settings.defaults()), second.agent,
                        second.files, dest))
                        .isInstanceOfSatisfying(FerryException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE))
                        .hasMessageContaining(dest + " is being received by another process");
            }
            first.send(StreamOptions.from(Settings.defaults()).withChannels(2).withCodec(Codec.NONE)
                    .withBlockSize(BLOCK, 2L * BLOCK), Sources.file(source, BLOCK));
            first.runToEnd();
            assertThat(first.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(lock).as("removed when the receiver closed").doesNotExist();
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        try (TcpLoop again = new TcpLoop()) {
            again.receive(dest, ReceiverOptions.from(Settings.defaults()));
            assertThat(lock).as("free again").exists();
        }
    }

    @Test
    void shouldKeepASecondImageWriterOut() {
        Path image = dir.resolve("stream.img");
        Path record = dir.resolve("stream.img.ferry-resume");
        try (TcpLoop loop = new TcpLoop(); ImageWriter first = new ImageWriter(loop.agent, loop.files, image, record, 2)) {
            assertThatThrownBy(() -> new ImageWriter(loop.agent, loop.files, image, record, 2))
                    .isInstanceOfSatisfying(FerryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE))
                    .hasMessageContaining(image + " is being written by another process");
            assertThat(first).isNotNull();
        }
        assertThat(DestinationLock.besideRecord(record)).as("removed when the writer closed").doesNotExist();
    }
}
