package io.ferry.stream;

import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.send.ImageHead;
import io.ferry.stream.send.ImageSource;
import io.ferry.stream.send.ImageWriter;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The file transport: a stream written into an image at fixed offsets, read back and carried on. */
class FileTransportTest {
    static final int BLOCK = 65536;

    @TempDir
    Path dir;

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> codecsAndChannels() {
        return RoundTripTest.codecsAndChannels();
    }

    @ParameterizedTest(name = "{0} over {1} channel(s)")
    @MethodSource("codecsAndChannels")
    void shouldReadBackEveryByteWhenWrittenIntoAnImage(String codec, int channels) throws IOException {
        byte[] data = RoundTripTest.mixedBytes(channels * 17L + codec.length(), 6 * BLOCK + 999);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path image = dir.resolve("stream.img");
        StreamOptions options = StreamOptions.from(Settings.defaults()).withChannels(channels)
                .withCodec(Codec.parse(codec)).withBlockSize(BLOCK, 2 * BLOCK);
        try (Loop loop = new Loop(1)) {
            ImageWriter writer = new ImageWriter(loop.agent, loop.files, image, dir.resolve("stream.img.ferry-resume"), channels);
            loop.sendToImage(options, Sources.file(source, BLOCK), writer);
            loop.runSenderToEnd();
            assertThat(loop.sender.failure()).isNull();
            assertThat(loop.sender.state()).isEqualTo(StreamState.DONE);
            writer.close();
        }
        assertThat(dir.resolve("stream.img.ferry-resume")).doesNotExist();
        assertThat(Files.readAllBytes(image)[ImageHead.COMPLETE]).isEqualTo((byte) 1);

        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(2); ImageSource back = new ImageSource(image)) {
            assertThat(back.blockSize()).isEqualTo(BLOCK);
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options.withCodec(Codec.NONE), back);
            loop.runToEnd();
            assertThat(loop.receiver.failure()).isNull();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }
}
