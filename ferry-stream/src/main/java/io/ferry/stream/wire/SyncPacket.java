package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * A sync point (type {@link PacketType#SYNC}), a header without payload. It reuses two header
 * fields: {@link #POSITION} is the stream position below which the sender had produced everything
 * when it placed the sync; {@link #SYNC_ID} numbers sync points from 1.
 */
public final class SyncPacket {
    /** Header offset of the stream position below which the sender had produced everything: {@link PacketHeader#OFFSET}. */
    public static final int POSITION = PacketHeader.OFFSET;
    /** Header offset of the sync point's number, from 1: {@link PacketHeader#LENGTH}. */
    public static final int SYNC_ID = PacketHeader.LENGTH;

    private SyncPacket() {
    }

    /** Writes a SYNC header (checksum not included) for sync point {@code syncId} at stream position {@code position}. */
    public static void write(ByteBuffer buffer, int at, int channel, long streamId, long sequence, long syncId,
                             long position) {
        PacketHeader.write(buffer, at, PacketType.SYNC, CodecId.NONE, channel, 0, streamId, sequence, position, syncId);
    }

    /** The sync point's number. */
    public static long syncId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + SYNC_ID);
    }

    /** The stream position below which the sender had produced everything. */
    public static long position(ByteBuffer buffer, int at) {
        return buffer.getLong(at + POSITION);
    }
}
