package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.poll.IdleStrategy;
import io.ferry.Target;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies one target into another (a file or a remote object into a file) through the transfer API: {@code slots} native buffers of
 * {@code blockSize} bytes each cycle through read-then-write, so reads of later blocks overlap
 * writes of earlier ones. Memory use is {@code slots * blockSize}, whatever the file size. Progress
 * is driven on the calling thread.
 */
final class BlockCopy {
    private final Agent agent;
    private final IdleStrategy idle;
    private final int blockSize;
    private final int slots;

    /** @param idle how the calling thread waits when a poll found nothing to do */
    BlockCopy(Agent agent, IdleStrategy idle, int blockSize, int slots) {
        this.agent = agent;
        this.idle = idle;
        this.blockSize = blockSize;
        this.slots = slots;
    }

    /** Checks the {@code --bs} and {@code --slots} options of a command that copies with this class. */
    static void checkShape(long blockSize, int slots) {
        if (blockSize < 4096 || blockSize > (1 << 30)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--bs must be between 4k and 1g, got " + blockSize);
        }
        if (slots < 1 || slots > 1024) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--slots must be between 1 and 1024, got " + slots);
        }
    }

    /** Copies the first {@code size} bytes of {@code source} to {@code destination}. */
    void copy(long size, Target source, Target destination, LongConsumer progress) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment[] buffers = new MemorySegment[slots];
            Transfer[] inFlight = new Transfer[slots];
            boolean[] writing = new boolean[slots];
            long[] offsets = new long[slots];
            for (int s = 0; s < slots; s++) {
                buffers[s] = Memory.allocate(arena, blockSize);
            }
            long next = 0;
            long copied = 0;
            while (copied < size) {
                for (int s = 0; s < slots; s++) {
                    Transfer transfer = inFlight[s];
                    if (transfer == null) {
                        if (next < size) {
                            offsets[s] = next;
                            next += length(size, next);
                            inFlight[s] = start(TransferOp.READ, source, buffers[s], offsets[s], size);
                            writing[s] = false;
                        }
                    } else if (transfer.state().isComplete()) {
                        transfer.status().throwIfFailed();
                        transfer.release();
                        if (writing[s]) {
                            inFlight[s] = null;
                            copied += length(size, offsets[s]);
                            progress.accept(copied);
                        } else {
                            inFlight[s] = start(TransferOp.WRITE, destination, buffers[s], offsets[s], size);
                            writing[s] = true;
                        }
                    }
                }
                idle.idle(agent.poll(), agent.waiter());
            }
        }
    }

    private int length(long size, long offset) {
        return (int) Math.min(blockSize, size - offset);
    }

    private Transfer start(TransferOp op, Target target, MemorySegment buffer, long offset, long size) {
        Transfer transfer = agent.prepare(op, List.of(Descriptor.of(buffer, 0, length(size, offset), target, offset)));
        transfer.post();
        return transfer;
    }
}
