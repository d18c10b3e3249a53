package io.ferry.file.engine;

import io.ferry.FerryException;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One io_uring instance: its file descriptor and the three shared mappings (submission ring,
 * completion ring, submission entries; the two rings share one mapping with IORING_FEAT_SINGLE_MMAP).
 * {@link #close()} unmaps them and closes the descriptor, once.
 */
final class IoUringRing implements AutoCloseable {
    final int fd;
    final IoUringParams params;
    final MemorySegment sqRing;
    final MemorySegment cqRing;
    final MemorySegment sqes;
    private final MemorySegment errno;
    private boolean closed;

    private IoUringRing(MemorySegment errno, int fd, IoUringParams params, MemorySegment sqRing, MemorySegment cqRing,
                        MemorySegment sqes) {
        this.errno = errno;
        this.fd = fd;
        this.params = params;
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqes = sqes;
    }

    /**
     * Sets up a ring of {@code entries} (a power of two) with {@code flags} and maps it.
     *
     * @throws FerryException naming io_uring_setup or mmap and the errno when either fails
     */
    static IoUringRing open(MemorySegment errno, int entries, int flags) {
        IoUringParams params;
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = IoUringParams.request(arena, flags);
            fd = IoUringSyscalls.setup(errno, entries, request.address());
            if (fd < 0) {
                throw Errno.failure("io_uring_setup", entries + " entries, flags 0x" + Integer.toHexString(flags), -fd);
            }
            params = IoUringParams.read(request);
        }
        MemorySegment sqRing = MemorySegment.NULL;
        MemorySegment cqRing = MemorySegment.NULL;
        try {
            long sqSize = params.singleMmap() ? Math.max(params.sqRingSize(), params.cqRingSize()) : params.sqRingSize();
            sqRing = map(errno, fd, sqSize, IoUringConstants.IORING_OFF_SQ_RING);
            cqRing = params.singleMmap() ? sqRing
                    : map(errno, fd, params.cqRingSize(), IoUringConstants.IORING_OFF_CQ_RING);
            MemorySegment sqes = map(errno, fd, params.sqEntries * SubmissionQueue.SQE_SIZE,
                    IoUringConstants.IORING_OFF_SQES);
            return new IoUringRing(errno, fd, params, sqRing, cqRing, sqes);
        } catch (FerryException e) {
            unmap(errno, cqRing, sqRing);
            unmap(errno, sqRing, MemorySegment.NULL);
            LibC.close(errno, fd);
            throw e;
        }
    }

    private static MemorySegment map(MemorySegment errno, int fd, long size, long offset) {
        long address = IoUringSyscalls.mmap(errno, fd, size, offset);
        if (address < 0) {
            throw Errno.failure("mmap", "io_uring fd " + fd + ", offset 0x" + Long.toHexString(offset) + ", "
                    + size + " bytes", (int) -address);
        }
        return MemorySegment.ofAddress(address).reinterpret(size);
    }

    /** Unmaps {@code mapping} unless it is NULL or the same mapping as {@code shared}. */
    private static void unmap(MemorySegment errno, MemorySegment mapping, MemorySegment shared) {
        if (mapping.address() != 0 && mapping.address() != shared.address()) {
            IoUringSyscalls.munmap(errno, mapping.address(), mapping.byteSize());
        }
    }

    /** Unmaps the rings and closes the ring descriptor; the kernel cancels whatever is still in flight. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unmap(errno, sqes, MemorySegment.NULL);
        unmap(errno, cqRing, sqRing);
        unmap(errno, sqRing, MemorySegment.NULL);
        LibC.close(errno, fd);
    }
}
