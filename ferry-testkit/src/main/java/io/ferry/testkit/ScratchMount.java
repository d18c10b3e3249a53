package io.ferry.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small file system mounted on a new directory, for tests that run as root: a ramfs, which has no
 * O_DIRECT and no fallocate on any kernel; a tmpfs of a given size; or an ext4 of a given size in an
 * image file beside the directory, mounted through a loop device, to fill as a disk fills. Unmounted
 * (and its image deleted) on close, or when the JVM exits if it never was.
 */
public final class ScratchMount extends ReleasedAtExit {
    /** Where it is mounted. */
    public final Path path;
    /** The ext4's image file; null for the memory file systems. */
    private final Path image;

    private ScratchMount(Path path, Path image) {
        super(path.toString());
        this.path = path;
        this.image = image;
    }

    /** Mounts a ramfs on {@code directory} (created); null when that cannot be done here (not root, no mount). */
    public static ScratchMount ramfs(Path directory) throws IOException {
        return mount(directory, null, "-t", "ramfs", "ramfs");
    }

    /** Mounts a tmpfs of {@code bytes} on {@code directory} (created); null when that cannot be done here. */
    public static ScratchMount tmpfs(Path directory, long bytes) throws IOException {
        return mount(directory, null, "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs");
    }

    /**
     * Makes an ext4 of {@code bytes} in {@code DIRECTORY.img} and mounts it on {@code directory}
     * (created); null when that cannot be done here (not root, no mkfs.ext4, no loop devices).
     */
    public static ScratchMount ext4(Path directory, long bytes) throws IOException {
        Path image = directory.resolveSibling(directory.getFileName() + ".img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        ScratchMount mounted = Commands.run("mkfs.ext4", "-q", "-F", image.toString())
                ? mount(directory, image, "-o", "loop", image.toString()) : null;
        if (mounted == null) {
            Files.delete(image);
        }
        return mounted;
    }

    private static ScratchMount mount(Path directory, Path image, String... options) throws IOException {
        Files.createDirectories(directory);
        String[] command = new String[options.length + 2];
        command[0] = "mount";
        System.arraycopy(options, 0, command, 1, options.length);
        command[command.length - 1] = directory.toString();
        return Commands.run(command) ? new ScratchMount(directory, image) : null;
    }

    @Override
    boolean release() {
        if (!Commands.run("umount", path.toString())) {
            return false;
        }
        if (image != null) {
            try {
                Files.deleteIfExists(image);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** A file left open in it made the unmount fail: detached lazily, so none stays, and the close fails. */
    @Override
    void releaseFailed() {
        Commands.run("umount", "-l", path.toString());
        throw new IllegalStateException("the file system at " + path + " was busy at close: a file in it was left open");
    }
}
