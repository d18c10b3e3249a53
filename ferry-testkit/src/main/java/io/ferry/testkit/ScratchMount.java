package io.ferry.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory file system mounted on a new directory, for tests that run as root: a ramfs, which has no
 * O_DIRECT and no fallocate on any kernel, or a tmpfs of a given size, to fill. Unmounted on close,
 * or when the JVM exits if it never was.
 */
public final class ScratchMount extends ReleasedAtExit {
    /** Where it is mounted. */
    public final Path path;

    private ScratchMount(Path path) {
        super(path.toString());
        this.path = path;
    }

    /** Mounts a ramfs on {@code directory} (created); null when that cannot be done here (not root, no mount). */
    public static ScratchMount ramfs(Path directory) throws IOException {
        return mount(directory, "-t", "ramfs", "ramfs");
    }

    /** Mounts a tmpfs of {@code bytes} on {@code directory} (created); null when that cannot be done here. */
    public static ScratchMount tmpfs(Path directory, long bytes) throws IOException {
        return mount(directory, "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs");
    }

    private static ScratchMount mount(Path directory, String... options) throws IOException {
        Files.createDirectories(directory);
        String[] command = new String[options.length + 2];
        command[0] = "mount";
        System.arraycopy(options, 0, command, 1, options.length);
        command[command.length - 1] = directory.toString();
        return Commands.run(command) ? new ScratchMount(directory) : null;
    }

    @Override
    boolean release() {
        return Commands.run("umount", path.toString());
    }

    /** A file left open in it made the unmount fail: detached lazily, so none stays, and the close fails. */
    @Override
    void releaseFailed() {
        Commands.run("umount", "-l", path.toString());
        throw new IllegalStateException("the file system at " + path + " was busy at close: a file in it was left open");
    }
}
