package io.ferry.nvmf.internal.pdu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory for PDU data, with one {@link ByteBuffer} view over the same bytes made once, so
 * that sending a range or computing its digest allocates nothing. Used by one thread.
 */
public final class DataBuffer {
    private final MemorySegment memory;
    private final ByteBuffer view;

    public DataBuffer(MemorySegment memory) {
        this.memory = memory;
        this.view = memory.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public MemorySegment memory() {
        return memory;
    }

    /**
     * The view over all of the memory, cleared (position 0, limit at capacity): absolute accessors
     * check indexes against the limit.
     */
    public ByteBuffer view() {
        return view.clear();
    }

    /** The view limited to {@code length} bytes from {@code offset}. */
    public ByteBuffer window(int offset, int length) {
        view.clear().position(offset);
        view.limit(offset + length);
        return view;
    }

    public int capacity() {
        return view.capacity();
    }
}
