package io.ferry.stream;

import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.send.SendListener;
import io.ferry.stream.send.SendOp;
import io.ferry.stream.source.Sources;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.SyncPacket;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler against scripted send ops that finish a packet only when the test says so. */
class SchedulerTest {
    static final int BLOCK = 4096;

    /** Records what it was given; reports a packet sent only on {@link #finish()}. */
    private static final class Scripted implements SendOp {
        final int channel;
        final SendListener listener;
        final List<String> packets = new ArrayList<>();
        boolean busy;

        Scripted(int channel, SendListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public void send(PreparedPacket packet) {
            ByteBuffer bytes = packet.buffer();
            int at = bytes.position();
            if (bytes.getInt(at) != PacketHeader.MAGIC_VALUE) {
                packets.add("HANDSHAKE");
            } else if (PacketHeader.type(bytes, at) == PacketType.SYNC) {
                packets.add("SYNC " + SyncPacket.syncId(bytes, at) + " at " + SyncPacket.position(bytes, at));
            } else {
                packets.add(PacketHeader.type(bytes, at) + " " + PacketHeader.offset(bytes, at));
            }
            busy = true;
        }

        void finish() {
            busy = false;
            listener.onSent(channel);
        }

        @Override
        public int poll() {
            return 0;
        }

        @Override
        public void close(FerryException cause) {
        }
    }

    @Test
    void shouldHandBatchesRoundRobinAndPlaceASyncOnlyAfterWhatWasHandedOut() {
        List<Scripted> ops = new ArrayList<>();
        StreamOptions options = StreamOptions.from(Settings.defaults()).withChannels(2).withBlockSize(BLOCK, 1L << 30);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(6L * BLOCK).fill((byte) 1);
            try (StreamSender sender = new StreamSender(options, Sources.memory(memory, BLOCK)).open((id, listener) -> {
                Scripted op = new Scripted(id, listener);
                ops.add(op);
                return op;
            })) {
                sender.poll();
                ops.forEach(Scripted::finish); // handshakes
                sender.poll();
                ops.getFirst().finish(); // the manifest
                sender.onAck(0, 0);
                sender.poll();
                assertThat(sender.packetsSent()).as("one batch per channel, the third held").isEqualTo(2);
                long syncId = sender.sync();
                ops.forEach(Scripted::finish);
                sender.poll();
                ops.forEach(Scripted::finish);
                sender.poll();
                sender.poll();

                assertThat(ops.get(0).packets).containsExactly("HANDSHAKE", "MANIFEST 0", "DATA 0",
                        "SYNC " + syncId + " at " + 2 * BLOCK, "DATA " + 2 * BLOCK);
                assertThat(ops.get(1).packets).containsExactly("HANDSHAKE", "DATA " + BLOCK,
                        "SYNC " + syncId + " at " + 2 * BLOCK, "DATA " + 3 * BLOCK);
            }
        }
    }
}
