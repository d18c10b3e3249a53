package io.ferry.stream.source;

import io.ferry.stream.prepare.Batch;

import java.lang.foreign.MemorySegment;

/** A region of memory, copied block by block into batches. The caller keeps it alive and unchanged. */
final class MemorySource extends SingleSource {
    private final MemorySegment memory;
    private final int blockSize;

    MemorySource(MemorySegment memory, int blockSize) {
        super(memory.byteSize());
        this.memory = memory;
        this.blockSize = blockSize;
    }

    @Override
    public int next(Batch batch) {
        if (position >= memory.byteSize()) {
            return END;
        }
        int length = (int) Math.min(blockSize, memory.byteSize() - position);
        batch.copy(memory, position, position, length);
        position += length;
        return PRODUCED;
    }
}
