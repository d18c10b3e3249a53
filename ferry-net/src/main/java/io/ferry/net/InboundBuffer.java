package io.ferry.net;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The bytes a connection received and its handler has not consumed yet: native memory that the
 * socket is read into, between a read index and a write index, shown to the handler through one
 * reused {@link ByteBuffer} view (position = read index, limit = write index).
 */
final class InboundBuffer {
    private final MemorySegment memory;
    private final ByteBuffer view;
    private int readIndex;
    private int writeIndex;

    InboundBuffer(MemorySegment memory) {
        this.memory = memory;
        this.view = memory.asByteBuffer();
    }

    int capacity() {
        return view.capacity();
    }

    int readable() {
        return writeIndex - readIndex;
    }

    /**
     * Makes room at the end for a read: starts over when empty, moves the unread bytes to the front
     * when fewer than {@code minFree} bytes are free after them.
     */
    void compact(int minFree) {
        if (readIndex == writeIndex) {
            readIndex = 0;
            writeIndex = 0;
        } else if (writable() < minFree && readIndex > 0) {
            MemorySegment.copy(memory, readIndex, memory, 0, writeIndex - readIndex);
            writeIndex -= readIndex;
            readIndex = 0;
        }
    }

    /** Forgets the unread bytes. */
    void clear() {
        readIndex = 0;
        writeIndex = 0;
    }

    long writeAddress() {
        return memory.address() + writeIndex;
    }

    int writable() {
        return view.capacity() - writeIndex;
    }

    void written(int count) {
        writeIndex += count;
    }

    /** The unread bytes, for the handler: position at the read index, limit at the write index. */
    ByteBuffer unread() {
        return view.limit(writeIndex).position(readIndex);
    }

    /** Takes the handler's position as the new read index; fails when it moved outside the unread bytes. */
    int consumedTo(ByteBuffer shown) {
        int position = shown.position();
        if (shown != view || position < readIndex || position > writeIndex) {
            throw new IllegalStateException("the handler moved the receive buffer's position outside the bytes it was given");
        }
        int consumed = position - readIndex;
        readIndex = position;
        return consumed;
    }

    /** Copies up to {@code length} unread bytes into {@code target} at {@code offset}; returns the count. */
    int copyTo(MemorySegment target, long offset, long length) {
        int count = (int) Math.min(length, readable());
        MemorySegment.copy(memory, readIndex, target, offset, count);
        readIndex += count;
        return count;
    }

    /** The free space after the write index as a buffer, for TLS to decrypt into; see {@link #written(int)}. */
    ByteBuffer free() {
        return view.limit(view.capacity()).position(writeIndex);
    }
}
