package io.ferry.stream.source;

import io.ferry.stream.prepare.Batch;
import io.ferry.stream.prepare.PacketBuffer;
import io.ferry.stream.wire.Manifest;

import java.lang.foreign.MemorySegment;

/** A region of memory, copied block by block into batches. The caller keeps it alive and unchanged. */
final class MemorySource implements Source {
    private final MemorySegment memory;
    private final Manifest manifest;
    private final int blockSize;
    private long position;

    MemorySource(MemorySegment memory, int blockSize) {
        this.memory = memory;
        this.manifest = Manifest.single(memory.byteSize(), 0644);
        this.blockSize = blockSize;
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    @Override
    public int next(Batch batch) {
        if (position >= memory.byteSize()) {
            return END;
        }
        int length = (int) Math.min(blockSize, memory.byteSize() - position);
        MemorySegment.copy(memory, position, batch.buffer().memory(), PacketBuffer.PAYLOAD_AT, length);
        batch.data(position, length);
        position += length;
        return PRODUCED;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }

    @Override
    public void close() {
    }
}
