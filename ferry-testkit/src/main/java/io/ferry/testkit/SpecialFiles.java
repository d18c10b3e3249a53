package io.ferry.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Device nodes and FIFOs made in a test's own directory ({@code mknod}, {@code mkfifo}), so that a test
 * of what a command does to a device never points it at the system's {@code /dev}.
 */
public final class SpecialFiles {
    private SpecialFiles() {
    }

    /** Makes {@code path} a character device {@code major:minor} (1:3 is /dev/null's); false when it cannot (not root). */
    public static boolean characterDevice(Path path, int major, int minor) throws IOException, InterruptedException {
        return run("mknod", "-m", "666", path.toString(), "c", Integer.toString(major), Integer.toString(minor));
    }

    /** Makes {@code path} a FIFO; false when it cannot. */
    public static boolean fifo(Path path) throws IOException, InterruptedException {
        return run("mkfifo", path.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
