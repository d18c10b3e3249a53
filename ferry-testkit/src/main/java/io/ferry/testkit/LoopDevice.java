package io.ferry.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A loop block device over a file (losetup), for tests that run as root; detached on close. */
public final class LoopDevice implements AutoCloseable {
    /** The device, {@code /dev/loopN}. */
    public final Path path;

    private LoopDevice(Path path) {
        this.path = path;
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
    public void close() throws IOException {
        Process losetup = new ProcessBuilder("losetup", "-d", path.toString()).inheritIO().start();
        try {
            losetup.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
