package io.ferry.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ramfs mounted on a new directory, for tests that run as root and need a file system that refuses
 * O_DIRECT (ramfs has no direct I/O at all, on every kernel). Unmounted on close, or when the JVM
 * exits if it never was.
 */
public final class RamFs extends ReleasedAtExit {
    /** Where it is mounted. */
    public final Path path;

    private RamFs(Path path) {
        super(path.toString());
        this.path = path;
    }

    /** Mounts a ramfs on {@code directory} (created); null when that cannot be done here (not root, no mount). */
    public static RamFs mount(Path directory) throws IOException {
        Files.createDirectories(directory);
        return Commands.run("mount", "-t", "ramfs", "ramfs", directory.toString()) ? new RamFs(directory) : null;
    }

    @Override
    boolean release() {
        return Commands.run("umount", path.toString());
    }

    /** A file left open in it made the unmount fail: detached lazily, so none stays, and the close fails. */
    @Override
    void releaseFailed() {
        Commands.run("umount", "-l", path.toString());
        throw new IllegalStateException("the ramfs at " + path + " was busy at close: a file in it was left open");
    }
}
