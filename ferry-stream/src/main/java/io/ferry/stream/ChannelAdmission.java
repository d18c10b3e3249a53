package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.prepare.ControlPackets;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.PacketHeader;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

/**
 * Which connections become channels of the receiver's stream. The first admitted handshake fixes the
 * stream (id, channel count, codec, block size); later ones must match it, name a channel in range
 * that is not taken yet, and carry the token when one is required. A refusal does not harm the stream.
 */
final class ChannelAdmission {
    private final ReceiverOptions options;
    private final Arena arena;
    private ReceiverChannel[] channels;
    private long streamId;
    private int blockSize;
    private int codecId;
    private int connected;
    private int refused;
    private ControlPackets refusals;
    private boolean waitingForChannels;
    private long waitingSinceNs;

    ChannelAdmission(ReceiverOptions options, Arena arena) {
        this.options = options;
        this.arena = arena;
    }

    /** Admits a handshake that passed {@link Handshake#check}, or says why not. */
    FerryException admit(ReceiverChannel channel, ByteBuffer handshake) {
        if (options.token() != null && !Handshake.tokenEquals(handshake, 0, options.token())) {
            return new FerryException(ErrorCode.ACCESS_DENIED, "wrong stream token");
        }
        long id = Handshake.streamId(handshake, 0);
        int channelId = Handshake.channel(handshake, 0);
        if (channels == null) {
            if (options.streamId() != 0 && id != options.streamId()) {
                return new FerryException(ErrorCode.PROTOCOL_ERROR, "it takes stream " + Long.toHexString(options.streamId())
                        + " only, not " + Long.toHexString(id));
            }
            streamId = id;
            blockSize = Handshake.blockSize(handshake, 0);
            codecId = Handshake.codec(handshake, 0);
            channels = new ReceiverChannel[Handshake.channelCount(handshake, 0)];
        } else if (id != streamId) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "busy with another stream (this one is "
                    + Long.toHexString(id) + ")");
        } else if (Handshake.channelCount(handshake, 0) != channels.length || Handshake.blockSize(handshake, 0) != blockSize
                || Handshake.codec(handshake, 0) != codecId) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "channel " + channelId + " disagrees with the stream's "
                    + "channel count, block size or codec");
        }
        if (channels[channelId] != null) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "duplicate channel " + channelId);
        }
        channels[channelId] = channel;
        connected++;
        return null;
    }

    /**
     * The ERROR packet that tells a refused connection why, in a buffer of its own: refusals are not
     * bounded by the channel count, so they take nothing from the receiver's arena.
     */
    ByteBuffer refusal(FerryException cause) {
        if (refusals == null) {
            refusals = new ControlPackets(arena, 0, 0, streamId, PacketHeader.MAX_ERROR_MESSAGE);
        }
        refused++;
        ByteBuffer packet = refusals.error(cause.errorCode().code(), cause.getMessage()).buffer();
        return ByteBuffer.allocateDirect(packet.remaining()).put(packet).flip();
    }

    /** Null until the first handshake is admitted; then the stream's channels, by id (null where not connected). */
    ReceiverChannel[] channels() {
        return channels;
    }

    boolean isChannel(ReceiverChannel channel) {
        return channel.id >= 0 && channels != null && channels[channel.id] == channel;
    }

    boolean allConnected() {
        return channels != null && connected == channels.length;
    }

    long streamId() {
        return streamId;
    }

    int blockSize() {
        return blockSize;
    }

    int codecId() {
        return codecId;
    }

    int refusals() {
        return refused;
    }

    /** Why the stream must fail because its channels have not all connected within the timeout, or null. */
    FerryException checkMissing(long nowNs, long timeoutNs) {
        if (channels == null || connected == channels.length) {
            return null;
        }
        if (!waitingForChannels) {
            waitingForChannels = true;
            waitingSinceNs = nowNs;
            return null;
        }
        return nowNs - waitingSinceNs <= timeoutNs ? null : new FerryException(ErrorCode.TIMED_OUT, "only " + connected
                + " of the stream's " + channels.length + " channels connected within " + timeoutNs / 1_000_000 + " ms");
    }
}
