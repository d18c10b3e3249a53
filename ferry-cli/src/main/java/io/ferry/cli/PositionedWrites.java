package io.ferry.cli;

import io.ferry.internal.linux.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** Whether a character device takes writes at offsets, as /dev/null does and a terminal does not. */
final class PositionedWrites {
    private PositionedWrites() {
    }

    /**
     * True when a pwrite(2) of no bytes at offset 0 succeeds on {@code device} opened for writing:
     * the kernel refuses positioned writes to a device opened as not seekable (ESPIPE) before
     * looking at the length, and writes nothing for a length of 0. False when it cannot be opened.
     */
    static boolean accepted(Path device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            int fd = LibC.open(errno, device.toString(), LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
            if (fd < 0) {
                return false;
            }
            try {
                return LibC.pwrite(errno, fd, 0, 0, 0) == 0;
            } finally {
                LibC.close(errno, fd);
            }
        }
    }
}
