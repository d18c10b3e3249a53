package io.ferry.stream;

import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.send.SendListener;
import io.ferry.stream.send.SendOp;
import io.ferry.stream.source.Sources;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduling, prepare ops (codecs, zero detection, CRC32C) and reading memory allocate nothing per packet. */
class SteadyStateAllocationTest {
    static final int BLOCK = 65536;
    static final int BLOCKS = 2048;

    /** A send op that takes every packet at once and answers the manifest with "start at 0". */
    private static final class Sink implements SendOp {
        final int channel;
        final SendListener listener;
        boolean pending;
        boolean manifestSeen;

        Sink(int channel, SendListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public void send(PreparedPacket packet) {
            ByteBuffer bytes = packet.buffer();
            manifestSeen |= bytes.getInt(bytes.position()) == PacketHeader.MAGIC_VALUE
                    && PacketHeader.type(bytes, bytes.position()) == PacketType.MANIFEST;
            pending = true;
        }

        @Override
        public int poll() {
            if (pending) {
                pending = false;
                listener.onSent(channel);
                if (manifestSeen) {
                    manifestSeen = false;
                    listener.onAck(0, 0);
                }
                return 1;
            }
            return 0;
        }

        @Override
        public void close(FerryException cause) {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd:1"})
    void shouldAllocateNothingPerPacketOnceRunning(String codec) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate((long) BLOCKS * BLOCK);
            byte[] block = RoundTripTest.mixedBytes(1, BLOCK);
            for (int i = 0; i < BLOCKS; i++) {
                if (i % 5 != 0) {
                    MemorySegment.copy(MemorySegment.ofArray(block), 0, memory, (long) i * BLOCK, BLOCK);
                    block[new Random(i).nextInt(BLOCK)]++;
                }
            }
            StreamOptions options = StreamOptions.from(Settings.defaults()).withChannels(4).withCodec(Codec.parse(codec))
                    .withBlockSize(BLOCK, 64L * BLOCK);
            try (StreamSender sender = new StreamSender(options, Sources.memory(memory, BLOCK)).open(Sink::new)) {
                pollUntil(sender, BLOCKS / 4);
                long before = threads.getCurrentThreadAllocatedBytes();
                pollUntil(sender, BLOCKS - 4);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertThat(allocated).as("bytes allocated for %d packets", BLOCKS * 3 / 4).isLessThan(16 * 1024);
            }
        }
    }

    private static void pollUntil(StreamSender sender, long packets) {
        for (int i = 0; i < 100 * BLOCKS && sender.packetsSent() < packets; i++) {
            sender.poll();
        }
        assertThat(sender.failure()).isNull();
        assertThat(sender.packetsSent()).isGreaterThanOrEqualTo(packets);
    }
}
