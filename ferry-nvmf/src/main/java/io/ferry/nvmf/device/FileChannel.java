package io.ferry.nvmf.device;

import io.ferry.file.FileSettings;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.settings.Settings;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A poll group's engine queue to a {@link FileDevice}: a table of in-flight slots (one per
 * operation the caller may keep outstanding), partial submission, short transfers continued, EINTR
 * and EAGAIN retried, as the file backend's shards do. Nothing is allocated per operation.
 */
final class FileChannel implements BlockChannel, CompletionHandler {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = LibC.newErrnoState(arena);
    private final IoQueue queue;
    private final int fd;
    private final int blockSize;
    private final int retryLimit;
    private final BlockCompletion completion;
    private final CompletionRing immediate;

    private final long[] slotTag;
    private final int[] slotOpcode;
    private final long[] slotFileOffset;
    private final long[] slotAddress;
    private final int[] slotRemaining;
    private final int[] slotRetries;
    private final int[] free;
    private int freeCount;
    private final int[] resubmit;
    private int resubmitCount;
    private int unsubmitted;
    private boolean closed;

    FileChannel(IoQueue queue, int fd, int blockSize, int depth, Settings settings, BlockCompletion completion) {
        this.queue = queue;
        this.fd = fd;
        this.blockSize = blockSize;
        this.retryLimit = settings.get(FileSettings.IO_RETRY_LIMIT);
        this.completion = completion;
        this.immediate = new CompletionRing(depth);
        int slots = Math.min(depth, queue.capacity());
        slotTag = new long[slots];
        slotOpcode = new int[slots];
        slotFileOffset = new long[slots];
        slotAddress = new long[slots];
        slotRemaining = new int[slots];
        slotRetries = new int[slots];
        free = new int[slots];
        resubmit = new int[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = slots - 1 - i;
        }
        freeCount = slots;
        queue.fileOpened(fd);
    }

    @Override
    public boolean read(long lba, int blocks, MemorySegment memory, long offset, long tag) {
        return transfer(IoQueue.READ, lba, blocks, memory, offset, tag);
    }

    @Override
    public boolean write(long lba, int blocks, MemorySegment memory, long offset, long tag) {
        return transfer(IoQueue.WRITE, lba, blocks, memory, offset, tag);
    }

    private boolean transfer(int opcode, long lba, int blocks, MemorySegment memory, long offset, long tag) {
        if (freeCount == 0) {
            return false;
        }
        int slot = free[--freeCount];
        slotTag[slot] = tag;
        slotOpcode[slot] = opcode;
        slotFileOffset[slot] = lba * blockSize;
        slotAddress[slot] = memory.address() + offset;
        slotRemaining[slot] = blocks * blockSize;
        slotRetries[slot] = 0;
        if (!enqueue(slot)) {
            resubmit[resubmitCount++] = slot;
        }
        return true;
    }

    @Override
    public boolean flush(long tag) {
        if (immediate.isFull()) {
            return false;
        }
        immediate.add(tag, LibC.fdatasync(errno, fd));
        return true;
    }

    @Override
    public boolean writeZeroes(long lba, long blocks, long tag) {
        if (immediate.isFull()) {
            return false;
        }
        int status = fallocate(LibC.FALLOC_FL_ZERO_RANGE, lba, blocks);
        if (status == -Errno.EOPNOTSUPP) {
            status = fallocate(LibC.FALLOC_FL_PUNCH_HOLE, lba, blocks);
        }
        immediate.add(tag, status);
        return true;
    }

    @Override
    public boolean deallocate(long lba, long blocks, long tag) {
        if (immediate.isFull()) {
            return false;
        }
        int status = fallocate(LibC.FALLOC_FL_PUNCH_HOLE, lba, blocks);
        immediate.add(tag, status == -Errno.EOPNOTSUPP ? 0 : status);
        return true;
    }

    private int fallocate(int mode, long lba, long blocks) {
        return LibC.fallocate(errno, fd, mode | LibC.FALLOC_FL_KEEP_SIZE, lba * blockSize, blocks * blockSize);
    }

    private boolean enqueue(int slot) {
        boolean taken = queue.enqueue(slotOpcode[slot], fd, slotFileOffset[slot], slotAddress[slot], slotRemaining[slot], slot);
        if (taken) {
            unsubmitted++;
        }
        return taken;
    }

    @Override
    public int poll() {
        int work = 0;
        while (resubmitCount > 0 && enqueue(resubmit[resubmitCount - 1])) {
            resubmitCount--;
            work++;
        }
        if (unsubmitted > 0) {
            int taken = queue.submit();
            unsubmitted -= taken;
            work += taken;
        }
        work += queue.reap(this);
        return work + immediate.drain(completion);
    }

    @Override
    public int readyFd() {
        return queue.readyFd();
    }

    @Override
    public void complete(long userData, long result) {
        int slot = (int) userData;
        if (result < 0) {
            int error = (int) -result;
            if (error == Errno.EINTR || (error == Errno.EAGAIN && slotRetries[slot]++ < retryLimit)) {
                resubmit[resubmitCount++] = slot;
            } else {
                finish(slot, (int) result);
            }
        } else if (result == 0) {
            finish(slot, -Errno.EIO);
        } else if (result < slotRemaining[slot]) {
            slotFileOffset[slot] += result;
            slotAddress[slot] += result;
            slotRemaining[slot] -= (int) result;
            resubmit[resubmitCount++] = slot;
        } else {
            finish(slot, 0);
        }
    }

    private void finish(int slot, int status) {
        free[freeCount++] = slot;
        completion.complete(slotTag[slot], status);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.fileClosing(fd);
        queue.close();
        arena.close();
    }
}
