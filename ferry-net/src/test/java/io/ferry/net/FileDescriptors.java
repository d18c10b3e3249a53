package io.ferry.net;

import io.ferry.internal.linux.LibC;

import java.lang.foreign.Arena;

/** Raw file descriptors for sendFile tests. */
final class FileDescriptors {
    private FileDescriptors() {
    }

    static int open(java.nio.file.Path path) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = LibC.open(LibC.newErrnoState(arena), path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("open " + path + ": " + fd);
            }
            return fd;
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            LibC.close(LibC.newErrnoState(arena), fd);
        }
    }
}
