package io.ferry.file.engine;

import io.ferry.internal.linux.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A file opened with plain open(2) for driving a queue directly, with an arena and errno state; close frees all. */
final class ScratchFile implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final MemorySegment errno = LibC.newErrnoState(arena);
    final int fd;

    ScratchFile(Path path) {
        fd = open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC);
    }

    /** Another file, closed by the caller with {@link LibC#close}. */
    int open(Path path, int flags) {
        int opened = LibC.open(errno, path.toString(), flags, 0644);
        assertThat(opened).as("open %s", path).isNotNegative();
        return opened;
    }

    @Override
    public void close() {
        LibC.close(errno, fd);
        arena.close();
    }
}
