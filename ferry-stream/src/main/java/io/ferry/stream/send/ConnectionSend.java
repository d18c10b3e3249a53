package io.ferry.stream.send;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.link.Connection;
import io.ferry.stream.link.ConnectionHandler;
import io.ferry.stream.prepare.PacketChecksum;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.wire.ErrorPacket;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.SyncAck;
import io.ferry.stream.wire.WireCheck;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The send op over a {@link Connection}: each packet is queued as one buffer (no copy: the packet's
 * own memory goes to the gathering write) and reported sent when the connection is done with it. It
 * also reads what the receiver sends back on the channel: acknowledgements and errors, each checked
 * like any packet.
 */
public final class ConnectionSend implements SendOp, ConnectionHandler {
    private final int channel;
    private final SendListener listener;
    private final ByteBuffer[] outgoing = new ByteBuffer[1];
    private final PacketChecksum checksum = new PacketChecksum();
    private Connection connection;
    private boolean closed;

    public ConnectionSend(int channel, SendListener listener) {
        this.channel = channel;
        this.listener = listener;
    }

    /** Binds the connection this op sends on (made with this op as its handler). */
    public void attach(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void send(PreparedPacket packet) {
        outgoing[0] = packet.buffer();
        connection.send(outgoing);
    }

    @Override
    public int poll() {
        return 0;
    }

    /** Also ends a {@link #closeTelling} still sending: the packet's memory is about to go. */
    @Override
    public void close(FerryException cause) {
        closed = true;
        connection.close(cause);
    }

    /** The ERROR goes out behind what is queued, then the connection ends, so that a reset cannot lose it. */
    @Override
    public void closeTelling(PreparedPacket error, FerryException cause) {
        if (!closed) {
            closed = true;
            outgoing[0] = error.buffer();
            connection.send(outgoing);
            connection.shutdown(cause);
        }
    }

    @Override
    public void onSent(ByteBuffer buffer) {
        if (!closed) {
            listener.onSent(channel);
        }
    }

    @Override
    public void onReceive(ByteBuffer in) {
        while (!closed && in.remaining() >= PacketHeader.SIZE) {
            int at = in.position();
            WireCheck check = PacketHeader.check(in, at, 0);
            if (!check.isOk()) {
                fail(new FerryException(ErrorCode.PROTOCOL_ERROR, "the receiver sent a malformed packet on channel "
                        + channel + ": " + check.description()));
                return;
            }
            int wire = PacketHeader.wireLength(in, at);
            if (in.remaining() < PacketHeader.SIZE + wire) {
                return;
            }
            int limit = in.limit();
            boolean intact = checksum.verify(in, at, in, at + PacketHeader.SIZE, wire);
            in.limit(limit).position(at + PacketHeader.SIZE + wire);
            if (!intact) {
                fail(new FerryException(ErrorCode.VERIFY_FAILED, "a packet from the receiver on channel " + channel
                        + " failed its checksum"));
                return;
            }
            PacketType type = PacketHeader.type(in, at);
            if (type == PacketType.SYNC_ACK) {
                listener.onAck(SyncAck.syncId(in, at), SyncAck.position(in, at));
            } else if (type == PacketType.ERROR) {
                ErrorCode code = ErrorCode.of(ErrorPacket.errorCode(in, at));
                fail(new FerryException(code == null ? ErrorCode.PROTOCOL_ERROR : code,
                        "the receiver stopped the stream: " + ErrorPacket.message(in, at + PacketHeader.SIZE, wire)));
            } else {
                fail(new FerryException(ErrorCode.PROTOCOL_ERROR, "the receiver sent an unexpected " + type
                        + " packet on channel " + channel));
            }
        }
    }

    private void fail(FerryException cause) {
        listener.onFailed(channel, cause);
    }

    @Override
    public void onReceivedInto(MemorySegment target) {
        // This op never asks for bytes in place.
    }

    @Override
    public void onClosed(FerryException cause) {
        if (!closed) {
            closed = true;
            listener.onFailed(channel, cause != null ? cause
                    : new FerryException(ErrorCode.CLOSED, "channel " + channel + " closed"));
        }
    }
}
