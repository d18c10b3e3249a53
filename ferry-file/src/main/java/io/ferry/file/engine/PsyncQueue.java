package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.linux.LibC;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Operations live in one ring (a power of two of slots, at least {@code capacity}): {@code [head, submitted)} have run and
 * wait to be reaped, {@code [submitted, tail)} are enqueued. {@link #submit()} runs the enqueued
 * operations with one blocking system call each, in order; this is what fio's psync engine does.
 */
final class PsyncQueue implements IoQueue {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errnoState = LibC.newErrnoState(arena);
    private final int capacity;
    private final int mask;
    private final int[] opcode;
    private final int[] fd;
    private final long[] fileOffset;
    private final long[] address;
    private final int[] length;
    private final long[] userData;
    private final long[] result;
    private long head;
    private long submitted;
    private long tail;

    PsyncQueue(int capacity) {
        if (capacity < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "queue depth must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        int slots = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        mask = slots - 1;
        opcode = new int[slots];
        fd = new int[slots];
        fileOffset = new long[slots];
        address = new long[slots];
        length = new int[slots];
        userData = new long[slots];
        result = new long[slots];
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, long userData) {
        if (tail - head == capacity) {
            return false;
        }
        int slot = (int) tail & mask;
        this.opcode[slot] = opcode;
        this.fd[slot] = fd;
        this.fileOffset[slot] = fileOffset;
        this.address[slot] = address;
        this.length[slot] = length;
        this.userData[slot] = userData;
        tail++;
        return true;
    }

    @Override
    public int submit() {
        int count = 0;
        for (; submitted < tail; submitted++, count++) {
            int slot = (int) submitted & mask;
            result[slot] = opcode[slot] == READ
                    ? LibC.pread(errnoState, fd[slot], address[slot], length[slot], fileOffset[slot])
                    : LibC.pwrite(errnoState, fd[slot], address[slot], length[slot], fileOffset[slot]);
        }
        return count;
    }

    @Override
    public int reap(CompletionHandler handler) {
        int count = 0;
        while (head < submitted) {
            int slot = (int) head & mask;
            head++;
            count++;
            handler.complete(userData[slot], result[slot]);
        }
        return count;
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
