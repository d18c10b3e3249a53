package io.ferry.testkit;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Whether a file system takes O_DIRECT (tmpfs before Linux 6.6 does not, some overlay file systems neither). */
public final class DirectIo {
    private DirectIo() {
    }

    /** True when a file in {@code directory} can be opened with O_DIRECT; the probe file is removed. */
    public static boolean isSupportedIn(Path directory) {
        Path probe = directory.resolve(".direct-io-probe");
        try {
            try (FileChannel ignored = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    ExtendedOpenOption.DIRECT)) {
                return true;
            } catch (IOException e) {
                return false;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
