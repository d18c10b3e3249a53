package io.ferry.nvmf.device;

import java.lang.foreign.MemorySegment;

/**
 * The channel of devices that do their work at submission (memory, null): the operation runs at
 * once and its completion waits in a ring for the next poll. Without backing memory (the null
 * device) writes are dropped and reads return zeroes.
 */
final class ImmediateChannel implements BlockChannel {
    private final MemorySegment backing;
    private final int blockSize;
    private final BlockCompletion completion;
    private final CompletionRing done;

    ImmediateChannel(MemorySegment backing, int blockSize, int depth, BlockCompletion completion) {
        this.backing = backing;
        this.blockSize = blockSize;
        this.completion = completion;
        this.done = new CompletionRing(depth);
    }

    @Override
    public boolean read(long lba, int blocks, MemorySegment memory, long offset, long tag) {
        if (done.isFull()) {
            return false;
        }
        long length = (long) blocks * blockSize;
        if (backing == null) {
            Zeros.fill(memory, offset, length);
        } else {
            MemorySegment.copy(backing, lba * blockSize, memory, offset, length);
        }
        done.add(tag, 0);
        return true;
    }

    @Override
    public boolean write(long lba, int blocks, MemorySegment memory, long offset, long tag) {
        if (done.isFull()) {
            return false;
        }
        if (backing != null) {
            MemorySegment.copy(memory, offset, backing, lba * blockSize, (long) blocks * blockSize);
        }
        done.add(tag, 0);
        return true;
    }

    @Override
    public boolean flush(long tag) {
        if (done.isFull()) {
            return false;
        }
        done.add(tag, 0);
        return true;
    }

    @Override
    public boolean writeZeroes(long lba, long blocks, long tag) {
        if (done.isFull()) {
            return false;
        }
        if (backing != null) {
            Zeros.fill(backing, lba * blockSize, blocks * blockSize);
        }
        done.add(tag, 0);
        return true;
    }

    @Override
    public boolean deallocate(long lba, long blocks, long tag) {
        return writeZeroes(lba, blocks, tag);
    }

    @Override
    public int poll() {
        return done.drain(completion);
    }

    @Override
    public void close() {
    }
}
