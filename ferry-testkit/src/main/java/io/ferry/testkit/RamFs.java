package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A ramfs mounted on a new directory, for tests that run as root and need a file system that refuses
 * O_DIRECT (ramfs has no direct I/O at all, on every kernel). Unmounted on close, or when the JVM
 * exits if it never was.
 */
public final class RamFs implements AutoCloseable {
    /** Where it is mounted. */
    public final Path path;
    private final Thread unmountAtExit;
    private boolean closed;

    private RamFs(Path path) {
        this.path = path;
        this.unmountAtExit = new Thread(this::unmount, "unmount " + path);
        Runtime.getRuntime().addShutdownHook(unmountAtExit);
    }

    /** Mounts a ramfs on {@code directory} (created); null when that cannot be done here (not root, no mount). */
    public static RamFs mount(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process mount;
        try {
            mount = new ProcessBuilder("mount", "-t", "ramfs", "ramfs", directory.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return null;
        }
        mount.getInputStream().readAllBytes();
        boolean done = mount.waitFor(30, TimeUnit.SECONDS);
        return done && mount.exitValue() == 0 ? new RamFs(directory) : null;
    }

    /** Unmounts; a file left open in it fails the close (the mount is then detached lazily, so none stays). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Runtime.getRuntime().removeShutdownHook(unmountAtExit);
            if (!unmount()) {
                run("umount", "-l", path.toString());
                throw new IllegalStateException("the ramfs at " + path + " was busy at close: a file in it was left open");
            }
        }
    }

    private boolean unmount() {
        return run("umount", path.toString());
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
