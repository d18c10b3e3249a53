package io.ferry.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A loop block device over a file (losetup), for tests that run as root; detached on close, or when
 * the JVM exits if it never was (a test that timed out is abandoned on its thread, and its device
 * stayed attached to a deleted file).
 */
public final class LoopDevice extends ReleasedAtExit {
    /** The device, {@code /dev/loopN}. */
    public final Path path;

    private LoopDevice(Path path) {
        super(path.toString());
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
    boolean release() {
        return Commands.run("losetup", "-d", path.toString());
    }
}
