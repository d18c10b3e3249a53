package io.ferry.stream;

import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> codecsAndChannels() {
        return Stream.of("none", "lz4", "zstd:3").flatMap(codec -> Stream.of(1, 2, 4)
                .map(channels -> Arguments.of(codec, channels)));
    }

    /** Half compressible text, a run of zero blocks, half random bytes, and a short tail. */
    static byte[] mixedBytes(long seed, int size) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size / 3; i++) {
            data[i] = (byte) "the quick brown fox jumps over the lazy dog "
                    .charAt((i + random.nextInt(3)) % 44);
        }
        byte[] noise = new byte[size - size * 2 / 3];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, data, size * 2 / 3, noise.length);
        return data;
    }

    @ParameterizedTest(name = "{0} over {1} channel(s)")
    @MethodSource("codecsAndChannels")
    void shouldDeliverEveryByteWhenChannelsInterleaveAndPacketsSplit(String codec, int channels) throws IOException {
        byte[] data = mixedBytes(channels * 31L + codec.length(), 5 * 65536 + 1234);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        StreamOptions options = StreamOptions.from(Settings.defaults()).withChannels(channels)
                .withCodec(Codec.parse(codec)).withBlockSize(65536, 2 * 65536);
        try (Loop loop = new Loop(codec.hashCode() * 7L + channels)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options, Sources.file(source, options.blockSize()));
            loop.runToEnd();
            assertThat(loop.sender.failure()).isNull();
            assertThat(loop.receiver.failure()).isNull();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(dir.resolve(".dest.bin.ferry-part")).doesNotExist();
        assertThat(dir.resolve("dest.bin.ferry-resume")).doesNotExist();
    }
}
