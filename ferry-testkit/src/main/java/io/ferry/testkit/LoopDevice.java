package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A loop block device over a file (losetup), for tests that run as root; detached on close, or when
 * the JVM exits if it never was (a test that timed out is abandoned on its thread, and its device
 * stayed attached to a deleted file).
 */
public final class LoopDevice implements AutoCloseable {
    /** The device, {@code /dev/loopN}. */
    public final Path path;
    private final Thread detachAtExit;
    private boolean closed;

    private LoopDevice(Path path) {
        this.path = path;
        this.detachAtExit = new Thread(this::detach, "detach " + path);
        Runtime.getRuntime().addShutdownHook(detachAtExit);
    }

    /** Attaches {@code file}; null when loop devices cannot be used here (not root, no losetup). */
    public static LoopDevice attach(Path file) throws IOException, InterruptedException {
        Process losetup;
        try {
            losetup = new ProcessBuilder("losetup", "-f", "--show", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String output = new String(losetup.getInputStream().readAllBytes()).trim();
        boolean done = losetup.waitFor(30, TimeUnit.SECONDS);
        return done && losetup.exitValue() == 0 && output.startsWith("/dev/loop") ? new LoopDevice(Path.of(output)) : null;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Runtime.getRuntime().removeShutdownHook(detachAtExit);
            detach();
        }
    }

    private void detach() {
        try {
            Process losetup = new ProcessBuilder("losetup", "-d", path.toString()).inheritIO().start();
            losetup.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not detach " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
