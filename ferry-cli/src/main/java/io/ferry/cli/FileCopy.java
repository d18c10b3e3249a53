package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileTarget;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies one open file into another through the transfer API: {@code slots} native buffers of
 * {@code blockSize} bytes each cycle through read-then-write, so reads of later blocks overlap
 * writes of earlier ones. Memory use is {@code slots * blockSize}, whatever the file size. Progress
 * is driven on the calling thread.
 */
final class FileCopy {
    private final Agent agent;
    private final int blockSize;
    private final int slots;

    FileCopy(Agent agent, int blockSize, int slots) {
        this.agent = agent;
        this.blockSize = blockSize;
        this.slots = slots;
    }

    /** Copies the first {@code size} bytes of {@code source} to {@code destination}. */
    void copy(long size, FileTarget source, FileTarget destination, LongConsumer progress) {
        try (Arena arena = Arena.ofConfined()) {
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
                if (agent.poll() == 0) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private int length(long size, long offset) {
        return (int) Math.min(blockSize, size - offset);
    }

    private Transfer start(TransferOp op, FileTarget target, MemorySegment buffer, long offset, long size) {
        Transfer transfer = agent.prepare(op, List.of(Descriptor.of(buffer, 0, length(size, offset), target, offset)));
        transfer.post();
        return transfer;
    }
}
