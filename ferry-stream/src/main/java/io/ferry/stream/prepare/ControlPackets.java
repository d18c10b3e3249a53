package io.ferry.stream.prepare;

import io.ferry.stream.wire.EndOfStream;
import io.ferry.stream.wire.ErrorPacket;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.SyncAck;
import io.ferry.stream.wire.SyncPacket;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.CodecId;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

/**
 * The header-only and small packets of one channel direction (handshake, manifest pieces, sync,
 * acknowledgement, end, error), in the channel's own small buffer, with the direction's sequence
 * numbers and checksums. One packet at a time: the buffer is reused once the last one was sent.
 */
public final class ControlPackets {
    /** The largest manifest piece one MANIFEST packet carries. */
    public static final int MANIFEST_PIECE = 64 * 1024;

    private final int channel;
    private final long streamId;
    private final PacketBuffer buffer;
    /** ERROR packets' own: an ERROR may follow any packet of the channel still in flight, a control packet too. */
    private final PacketBuffer errors;
    private final PacketChecksum checksum = new PacketChecksum();
    private final PreparedPacket packet = new PreparedPacket();
    private long sequence;

    /**
     * The control packets of {@code channel} of stream {@code streamId}, in a new buffer with id
     * {@code bufferId} allocated from {@code arena}, and its ERROR packets in a second one, id
     * {@code bufferId + 1}.
     *
     * @param capacity the largest payload: {@link #MANIFEST_PIECE} for a sender, which sends the manifest;
     *                 {@link PacketHeader#MAX_ERROR_MESSAGE} is enough for a receiver
     */
    public ControlPackets(Arena arena, int bufferId, int channel, long streamId, int capacity) {
        this.channel = channel;
        this.streamId = streamId;
        this.buffer = new PacketBuffer(arena, bufferId, capacity);
        this.errors = new PacketBuffer(arena, bufferId + 1, PacketHeader.MAX_ERROR_MESSAGE);
    }

    /** The sequence number of the next packet of this direction; {@link #seal} advances it. */
    long sequence() {
        return sequence;
    }

    /** The handshake (no sequence number, no checksum). */
    public PreparedPacket handshake(int channelCount, int codec, int blockSize, byte[] token) {
        Handshake.write(buffer.buffer(), PacketBuffer.HEADER_AT, streamId, channel, channelCount, codec, blockSize, token);
        packet.set(buffer, PacketBuffer.HEADER_AT, Handshake.SIZE);
        return packet;
    }

    /** A MANIFEST packet with {@code length} (at most {@link #MANIFEST_PIECE}) bytes of {@code manifest} from {@code offset}. */
    public PreparedPacket manifest(byte[] manifest, int offset, int length) {
        buffer.buffer().put(PacketBuffer.PAYLOAD_AT, manifest, offset, length);
        PacketHeader.write(buffer.buffer(), PacketBuffer.HEADER_AT, PacketType.MANIFEST,
                CodecId.NONE, channel, length, streamId, sequence, offset, manifest.length);
        return seal(buffer, length);
    }

    /** A SYNC packet for sync point {@code syncId} at stream position {@code position}. */
    public PreparedPacket sync(long syncId, long position) {
        SyncPacket.write(buffer.buffer(), PacketBuffer.HEADER_AT, channel, streamId, sequence, syncId, position);
        return seal(buffer, 0);
    }

    /** A SYNC_ACK packet that confirms sync point {@code syncId} and stream position {@code position}. */
    public PreparedPacket ack(long syncId, long position) {
        SyncAck.write(buffer.buffer(), PacketBuffer.HEADER_AT, channel, streamId, sequence, syncId, position);
        return seal(buffer, 0);
    }

    /** An END packet with the final sync point {@code syncId} and the end of the stream, {@code position}. */
    public PreparedPacket end(long syncId, long position) {
        EndOfStream.write(buffer.buffer(), PacketBuffer.HEADER_AT, channel, streamId, sequence, syncId, position);
        return seal(buffer, 0);
    }

    /**
     * An ERROR packet with {@code errorCode} and {@code message}, cut to {@link PacketHeader#MAX_ERROR_MESSAGE}
     * bytes, in the buffer of its own: it may be sent while another packet of the channel is in flight.
     */
    public PreparedPacket error(int errorCode, String message) {
        int size = ErrorPacket.write(errors.buffer(), PacketBuffer.HEADER_AT, channel, streamId, sequence, errorCode, message);
        return seal(errors, size - PacketHeader.SIZE);
    }

    /** Checksums the packet whose header is at {@link PacketBuffer#HEADER_AT} of {@code owner} and advances the sequence. */
    PreparedPacket seal(PacketBuffer owner, int wire) {
        ByteBuffer view = owner.buffer();
        int crc = checksum.compute(view, PacketBuffer.HEADER_AT, view, PacketBuffer.PAYLOAD_AT, wire);
        PacketHeader.putChecksum(view, PacketBuffer.HEADER_AT, crc);
        sequence++;
        packet.set(owner, PacketBuffer.HEADER_AT, PacketHeader.SIZE + wire);
        return packet;
    }
}
