package io.ferry.stream;

import io.ferry.FerryException;
import io.ferry.stream.link.Connection;
import io.ferry.stream.link.ConnectionHandler;
import io.ferry.stream.link.MemoryNetwork;
import io.ferry.stream.prepare.ControlPackets;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.wire.ErrorPacket;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.PacketHeader;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** A hand-driven sender end for hostile tests: sends whatever packets it is told, records what comes back. */
final class RawPeer implements ConnectionHandler, AutoCloseable {
    final Arena arena = Arena.ofShared();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final Connection connection;
    final ControlPackets packets;
    FerryException closedWith;
    boolean closed;

    RawPeer(MemoryNetwork network, int channel, long streamId) {
        packets = new ControlPackets(arena, 0, channel, streamId, ControlPackets.MANIFEST_PIECE);
        connection = network.connect(this);
    }

    void send(PreparedPacket packet) {
        ByteBuffer copy = ByteBuffer.allocateDirect(packet.length());
        copy.put(packet.buffer()).flip();
        connection.send(copy);
    }

    void handshake(int channelCount, int blockSize, byte[] token) {
        send(packets.handshake(channelCount, 0, blockSize, token));
    }

    /** The message of the first ERROR packet received, or null. */
    String errorMessage() {
        ByteBuffer bytes = ByteBuffer.wrap(received.toByteArray());
        if (bytes.remaining() < PacketHeader.SIZE) {
            return null;
        }
        return ErrorPacket.message(bytes, PacketHeader.SIZE, PacketHeader.wireLength(bytes, 0));
    }

    static byte[] noToken() {
        return new byte[Handshake.TOKEN_LENGTH];
    }

    @Override
    public void onReceive(ByteBuffer in) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        received.writeBytes(bytes);
    }

    @Override
    public void onReceivedInto(MemorySegment target) {
    }

    @Override
    public void onSent(ByteBuffer buffer) {
    }

    @Override
    public void onClosed(FerryException cause) {
        closed = true;
        closedWith = cause;
    }

    @Override
    public void close() {
        arena.close();
    }
}
