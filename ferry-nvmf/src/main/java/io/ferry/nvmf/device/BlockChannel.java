package io.ferry.nvmf.device;

import io.ferry.Pollable;

import java.lang.foreign.MemorySegment;

/**
 * One poll group's queue to a {@link BlockDevice}, owned by that group's thread. Each submission
 * takes primitives and a tag and returns false, doing nothing, when the channel cannot take it now
 * (its depth is reached): retry after a poll. The operation's outcome reaches the channel's
 * {@link BlockCompletion} during a later {@link #poll()}. Ranges are not checked here: the caller
 * checked them against the device's size. Memory handed to an operation must be native and stay
 * valid until it completes.
 */
public interface BlockChannel extends Pollable, AutoCloseable {
    /** Reads {@code blocks} blocks from {@code lba} into {@code memory} at {@code offset}. */
    boolean read(long lba, int blocks, MemorySegment memory, long offset, long tag);

    /** Writes {@code blocks} blocks at {@code lba} from {@code memory} at {@code offset}. */
    boolean write(long lba, int blocks, MemorySegment memory, long offset, long tag);

    /** Makes completed writes durable. */
    boolean flush(long tag);

    /** Makes {@code blocks} blocks from {@code lba} read as zeroes. */
    boolean writeZeroes(long lba, long blocks, long tag);

    /** Tells the device the blocks are no longer needed (they may read as zeroes afterwards). */
    boolean deallocate(long lba, long blocks, long tag);

    /**
     * A descriptor that polls readable while completions wait for {@link #poll()} (the engine queue's
     * {@code readyFd}), which the poll group watches so that it sleeps until one arrives; -1 when every
     * operation completes at the poll after its submission (memory, null, a synchronous engine) or the
     * engine cannot signal.
     */
    default int readyFd() {
        return -1;
    }

    /** Releases the channel; only when no operation is outstanding. Idempotent. */
    @Override
    void close();
}
