package io.ferry.stream.prepare;

import java.lang.foreign.MemorySegment;

/**
 * One unit of input for a channel: a block of data in a {@link PacketBuffer} (at
 * {@link PacketBuffer#PAYLOAD_AT}), or a run of zeros that needs no data. The producer fills one
 * batch while each channel owns another; they swap, so nothing is allocated per packet (QEMU's
 * multifd_send). Owned by one thread at a time: the producer, then the channel it was handed to.
 */
public final class Batch {
    /** What the batch holds. */
    public enum Kind {
        /** Nothing yet. */
        EMPTY,
        /** {@link #length()} bytes of data at {@link #offset()}. */
        DATA,
        /** {@link #length()} zero bytes at {@link #offset()} (a hole or zero blocks): no data is read or sent. */
        ZERO
    }

    private final PacketBuffer buffer;
    private Kind kind = Kind.EMPTY;
    private long offset;
    private long length;

    /** An empty batch whose data goes in {@code buffer}. */
    public Batch(PacketBuffer buffer) {
        this.buffer = buffer;
    }

    /** The buffer that holds the batch's data, at {@link PacketBuffer#PAYLOAD_AT}. */
    public PacketBuffer buffer() {
        return buffer;
    }

    /** What the batch holds now. */
    public Kind kind() {
        return kind;
    }

    /** The stream offset of the first byte. */
    public long offset() {
        return offset;
    }

    /** Bytes of data (at most the buffer's capacity) or of zeros (any length). */
    public long length() {
        return length;
    }

    /** Marks the batch as holding {@code length} bytes of data for {@code offset}, already in the buffer. */
    public void data(long offset, int length) {
        this.kind = Kind.DATA;
        this.offset = offset;
        this.length = length;
    }

    /** Copies {@code length} bytes of {@code source} from {@code sourceOffset} into the buffer, as data for {@code offset}. */
    public void copy(MemorySegment source, long sourceOffset, long offset, int length) {
        MemorySegment.copy(source, sourceOffset, buffer.memory(), PacketBuffer.PAYLOAD_AT, length);
        data(offset, length);
    }

    /** Marks the batch as holding a run of {@code length} zero bytes at {@code offset}, which needs no data. */
    public void zero(long offset, long length) {
        this.kind = Kind.ZERO;
        this.offset = offset;
        this.length = length;
    }

    /** Empties the batch, so that it holds nothing. */
    public void clear() {
        kind = Kind.EMPTY;
        offset = 0;
        length = 0;
    }
}
