package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * The receiver's acknowledgement of a sync point (type {@link PacketType#SYNC_ACK}), sent on channel
 * 0 once every packet before the sync is durable and the resume record says so. Fields as in
 * {@link SyncPacket}: {@link #SYNC_ID} and {@link #POSITION}.
 *
 * <p>The same packet answers the manifest at the start of a stream: its sync id and position are the
 * last confirmed sync point of an interrupted stream (0 and 0 for a fresh one), from which the
 * sender continues.
 */
public final class SyncAck {
    /** Header offset of the acknowledged position: {@link PacketHeader#OFFSET}. */
    public static final int POSITION = PacketHeader.OFFSET;
    /** Header offset of the acknowledged sync point's number: {@link PacketHeader#LENGTH}. */
    public static final int SYNC_ID = PacketHeader.LENGTH;

    private SyncAck() {
    }

    /** Writes a SYNC_ACK header (checksum not included) for sync point {@code syncId} at stream position {@code position}. */
    public static void write(ByteBuffer buffer, int at, int channel, long streamId, long sequence, long syncId,
                             long position) {
        PacketHeader.write(buffer, at, PacketType.SYNC_ACK, CodecId.NONE, channel, 0, streamId, sequence, position, syncId);
    }

    /** The acknowledged sync point's number (0 in the answer to a fresh stream's manifest). */
    public static long syncId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + SYNC_ID);
    }

    /** The acknowledged position: every byte of the stream below it is durable. */
    public static long position(ByteBuffer buffer, int at) {
        return buffer.getLong(at + POSITION);
    }
}
