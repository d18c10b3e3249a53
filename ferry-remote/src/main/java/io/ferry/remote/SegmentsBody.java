package io.ferry.remote;

import io.ferry.remote.http.BodySource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A request body made of slices of the caller's memory, in order. Native memory and byte arrays are
 * wrapped, not copied; other heap memory is copied one piece at a time.
 */
final class SegmentsBody implements BodySource {
    private final List<MemorySegment> slices;
    private final long length;
    private int slice;
    private long offset;

    SegmentsBody(List<MemorySegment> slices) {
        this.slices = List.copyOf(slices);
        this.length = slices.stream().mapToLong(MemorySegment::byteSize).sum();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void rewind() {
        slice = 0;
        offset = 0;
    }

    @Override
    public ByteBuf next(int maxBytes) {
        while (slice < slices.size() && offset == slices.get(slice).byteSize()) {
            slice++;
            offset = 0;
        }
        if (slice == slices.size()) {
            return null;
        }
        MemorySegment current = slices.get(slice);
        int count = (int) Math.min(maxBytes, current.byteSize() - offset);
        MemorySegment piece = current.asSlice(offset, count);
        offset += count;
        boolean wrappable = current.isNative() || current.heapBase().map(base -> base instanceof byte[]).orElse(false);
        return Unpooled.wrappedBuffer(wrappable ? piece.asByteBuffer() : java.nio.ByteBuffer.wrap(piece.toArray(ValueLayout.JAVA_BYTE)));
    }
}
