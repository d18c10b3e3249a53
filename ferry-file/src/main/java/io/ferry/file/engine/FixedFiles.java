package io.ferry.file.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The registered files of one ring: a sparse table of {@value #SLOTS} entries created empty with
 * IORING_REGISTER_FILES and filled one slot at a time with IORING_REGISTER_FILES_UPDATE (opcodes and
 * {@code struct io_uring_files_update} from include/uapi/linux/io_uring.h). An operation on a
 * registered file names its slot with IOSQE_FIXED_FILE, which saves the kernel a file-table lookup
 * and reference per I/O. Registration is an optimization only: a file that is not registered
 * (table full, descriptor too large, kernel refusal) is used by its descriptor. Owned by the
 * queue's thread.
 */
final class FixedFiles {
    static final int SLOTS = 256;
    /** Descriptors from 0 to this bound can be registered; larger ones use the plain path. */
    private static final int MAX_FD = 4096;
    private static final int IORING_REGISTER_FILES = 2;
    private static final int IORING_REGISTER_FILES_UPDATE = 6;
    private static final int UPDATE_OFFSET = 0;
    private static final int UPDATE_FDS = 8;
    private static final int UPDATE_SIZE = 16;

    private final int ringFd;
    private final MemorySegment errno;
    private final MemorySegment update;
    private final MemorySegment value;
    private final int[] slotPlusOneOfFd = new int[MAX_FD];
    private final int[] freeSlots = new int[SLOTS];
    private int freeCount;
    private final boolean enabled;

    FixedFiles(int ringFd, Arena arena, MemorySegment errno) {
        this.ringFd = ringFd;
        this.errno = errno;
        this.update = arena.allocate(UPDATE_SIZE, 8);
        this.value = arena.allocate(JAVA_INT);
        MemorySegment empty = arena.allocate(JAVA_INT, SLOTS);
        empty.fill((byte) -1);
        enabled = IoUringSyscalls.register(errno, ringFd, IORING_REGISTER_FILES, empty.address(), SLOTS) >= 0;
        for (int i = 0; i < SLOTS; i++) {
            freeSlots[i] = SLOTS - 1 - i;
        }
        freeCount = enabled ? SLOTS : 0;
    }

    /** The slot of {@code fd}, or -1 when it is not registered. */
    int slotOf(int fd) {
        return fd >= 0 && fd < MAX_FD ? slotPlusOneOfFd[fd] - 1 : -1;
    }

    /** Registers {@code fd} if there is room; otherwise it keeps using the plain path. */
    void add(int fd) {
        if (freeCount == 0 || fd < 0 || fd >= MAX_FD || slotPlusOneOfFd[fd] != 0) {
            return;
        }
        int slot = freeSlots[--freeCount];
        if (set(slot, fd)) {
            slotPlusOneOfFd[fd] = slot + 1;
        } else {
            freeSlots[freeCount++] = slot;
        }
    }

    /** Empties the slot of {@code fd}, so that the table no longer holds the file open. */
    void remove(int fd) {
        int slot = slotOf(fd);
        if (slot < 0) {
            return;
        }
        set(slot, -1);
        slotPlusOneOfFd[fd] = 0;
        freeSlots[freeCount++] = slot;
    }

    /** Registered slots in use; for tests. */
    int used() {
        return enabled ? SLOTS - freeCount : 0;
    }

    private boolean set(int slot, int fd) {
        value.set(JAVA_INT, 0, fd);
        update.set(JAVA_INT, UPDATE_OFFSET, slot);
        update.set(JAVA_LONG, UPDATE_FDS, value.address());
        return IoUringSyscalls.register(errno, ringFd, IORING_REGISTER_FILES_UPDATE, update.address(), 1) == 1;
    }
}
