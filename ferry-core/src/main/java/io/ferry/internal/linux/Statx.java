package io.ferry.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The direct-I/O alignment of an open file, from {@code statx(2)} with {@code STATX_DIOALIGN}
 * (Linux 6.1+; offsets from include/uapi/linux/stat.h). Empty when the kernel, the C library or
 * the file system does not report it; the caller then falls back to a safe default.
 */
public final class Statx {
    private static final int STATX_SIZE = 256;
    private static final int STX_MASK = 0;
    private static final int STX_DIO_MEM_ALIGN = 152;
    private static final int STX_DIO_OFFSET_ALIGN = 156;
    private static final int STATX_DIOALIGN = 0x2000;
    private static final int AT_EMPTY_PATH = 0x1000;

    private static final Optional<CFunction> STATX = CFunction.optionalReturningInt("statx");

    private Statx() {
    }

    /** Required alignments, in bytes, of memory addresses and of file offsets and lengths. */
    public record DirectAlignment(int memoryBytes, int offsetBytes) {
    }

    /** The file's direct-I/O alignment as the kernel reports it, if it does. */
    public static Optional<DirectAlignment> directAlignment(int fd) {
        if (STATX.isEmpty()) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(STATX_SIZE, 8);
            long result = STATX.get().call(LibC.newErrnoState(arena), fd, arena.allocateFrom("").address(), AT_EMPTY_PATH,
                    STATX_DIOALIGN, buffer.address(), 0);
            if (result != 0 || (buffer.get(JAVA_INT, STX_MASK) & STATX_DIOALIGN) == 0) {
                return Optional.empty();
            }
            int memory = buffer.get(JAVA_INT, STX_DIO_MEM_ALIGN);
            int offset = buffer.get(JAVA_INT, STX_DIO_OFFSET_ALIGN);
            // Zero means direct I/O is not supported on this file; let open's EINVAL or the default speak.
            return memory > 0 && offset > 0 ? Optional.of(new DirectAlignment(memory, offset)) : Optional.empty();
        }
    }
}
