package io.ferry.stream.prepare;

import io.ferry.stream.wire.CodecId;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;

import java.lang.foreign.Arena;

/**
 * The prepare op of one sending channel: turns a {@link Batch} into a {@link PreparedPacket}. Zero
 * blocks become a header-only ZERO packet; data is compressed into the channel's own buffer when that
 * makes it smaller, else sent from the batch as it is; every packet gets the channel's next sequence
 * number and its CRC32C. The encoder (a compression context) and the buffers are the channel's for
 * its whole life: nothing is allocated per packet. Control packets share the sequence through
 * {@link #control()}.
 */
public final class PacketPreparer implements AutoCloseable {
    private final Encoder encoder;
    private final int codecId;
    private final int channel;
    private final long streamId;
    private final PacketBuffer encoded;
    private final ControlPackets control;

    /** The preparer's buffers take ids {@code bufferIds} to {@code bufferIds + 2} (the control packets' two). */
    public PacketPreparer(Arena arena, Codec codec, int blockSize, int channel, long streamId, int bufferIds) {
        this.encoder = codec.newEncoder(blockSize);
        this.codecId = codec.id();
        this.channel = channel;
        this.streamId = streamId;
        this.encoded = new PacketBuffer(arena, bufferIds, encoder.maxEncodedLength(blockSize));
        this.control = new ControlPackets(arena, bufferIds + 1, channel, streamId, ControlPackets.MANIFEST_PIECE);
    }

    /** Handshake, manifest, sync, end and error packets of this channel. */
    public ControlPackets control() {
        return control;
    }

    /** The packet for a DATA or ZERO batch. */
    public PreparedPacket prepare(Batch batch) {
        PacketBuffer source = batch.buffer();
        if (batch.kind() == Batch.Kind.ZERO
                || ZeroBlocks.isZero(source.memory(), PacketBuffer.PAYLOAD_AT, batch.length())) {
            return finish(source, PacketType.ZERO, CodecId.NONE, 0, batch.offset(), batch.length());
        }
        int length = (int) batch.length();
        int size = encoder.encode(source, PacketBuffer.PAYLOAD_AT, length, encoded, PacketBuffer.PAYLOAD_AT,
                encoded.capacity());
        if (size > 0) {
            return finish(encoded, PacketType.DATA, codecId, size, batch.offset(), length);
        }
        return finish(source, PacketType.DATA, CodecId.NONE, length, batch.offset(), length);
    }

    private PreparedPacket finish(PacketBuffer buffer, PacketType type, int codec, int wire, long offset, long length) {
        PacketHeader.write(buffer.buffer(), PacketBuffer.HEADER_AT, type, codec, channel, wire, streamId,
                control.sequence(), offset, length);
        return control.seal(buffer, wire);
    }

    @Override
    public void close() {
        encoder.close();
    }
}
