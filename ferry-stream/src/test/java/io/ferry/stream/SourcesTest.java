package io.ferry.stream;

import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.PayloadSource;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SourcesTest {
    static final int BLOCK = 16384;

    @TempDir
    Path dir;

    private static StreamOptions options(int channels) {
        return StreamOptions.from(Settings.defaults()).withChannels(channels).withCodec(Codec.LZ4)
                .withBlockSize(BLOCK, 1L << 40);
    }

    @Test
    void shouldSendMemory() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(51, 7 * BLOCK + 5);
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(51); Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(data.length);
            memory.copyFrom(MemorySegment.ofArray(data));
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(3), Sources.memory(memory, BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void shouldSendZeroBlocksAsHeadersOnly() throws IOException {
        byte[] data = new byte[10 * BLOCK];
        Arrays.fill(data, 4 * BLOCK, 5 * BLOCK, (byte) 9);
        Path source = Files.write(dir.resolve("zeros.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(52)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(2).withCodec(Codec.NONE), Sources.file(source, BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(loop.receiver.bytesWritten()).as("only the block that is not zero is written").isEqualTo(BLOCK);
            assertThat(loop.receiver.bytesDone()).as("zero blocks are done too").isEqualTo(data.length);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    /**
     * Offset 0 is written twice, on different channels, with a sync point between; the first write's
     * channel is slow (its bytes were taken by the "kernel" but have not arrived). The receiver holds the
     * second write's channel at the sync point, so the second write still lands last.
     */
    @Test
    void shouldKeepALaterWriteOfAnOffsetBehindAnEarlierOneOnASlowChannel() throws IOException {
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(9); Arena arena = Arena.ofConfined()) {
            PayloadSource payloads = Sources.payloads(BLOCK, BLOCK);
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(2), payloads);
            loop.runUntil(() -> loop.sender.state() == StreamState.RUNNING);
            assertThat(payloads.offer(0, filled(arena, (byte) 'A'))).isTrue();
            loop.sender.poll();
            assertThat(payloads.queued()).isZero();
            loop.clientEnds.getFirst().hold();
            loop.sender.sync();
            assertThat(payloads.offer(0, filled(arena, (byte) 'B'))).isTrue();
            for (int i = 0; i < 20_000; i++) {
                loop.sender.poll();
                loop.network.step();
                loop.receiver.poll();
            }
            assertThat(payloads.queued()).as("the second write was sent on the other channel").isZero();
            loop.clientEnds.getFirst().release();
            payloads.finish();
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        byte[] expected = new byte[BLOCK];
        Arrays.fill(expected, (byte) 'B');
        assertThat(Arrays.mismatch(Files.readAllBytes(dest), expected)).as("first byte that is not the second write's")
                .isEqualTo(-1);
    }

    private static MemorySegment filled(Arena arena, byte value) {
        return arena.allocate(BLOCK).fill(value);
    }

    /** The application writes offset 0 twice; a sync point between the writes makes the second one win. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldApplyApplicationPayloadsInSyncOrder(long seed) throws IOException {
        Path dest = dir.resolve("dest.bin");
        byte[] expected = new byte[8 * BLOCK];
        Random random = new Random(seed);
        try (Loop loop = new Loop(seed); Arena arena = Arena.ofConfined()) {
            PayloadSource payloads = Sources.payloads(expected.length, BLOCK);
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(4), payloads);
            loop.runUntil(() -> loop.sender.state() == StreamState.RUNNING);
            for (int round = 0; round < 2; round++) {
                for (int block = 7; block >= 0; block--) {
                    byte[] bytes = new byte[block == 7 ? 1000 : BLOCK];
                    random.nextBytes(bytes);
                    System.arraycopy(bytes, 0, expected, block * BLOCK, bytes.length);
                    MemorySegment payload = arena.allocate(bytes.length);
                    payload.copyFrom(MemorySegment.ofArray(bytes));
                    assertThat(payloads.offer((long) block * BLOCK, payload)).isTrue();
                }
                loop.runUntil(() -> payloads.queued() == 0);
                loop.sender.sync();
            }
            payloads.finish();
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(expected);
    }
}
