package io.ferry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Random, reproducible content for tests that byte-check what a command wrote. */
final class RandomFiles {
    private RandomFiles() {
    }

    /** {@code size} bytes, the same for the same size. */
    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A file {@code name} in {@code directory} holding {@link #bytes(int) bytes(size)}. */
    static Path write(Path directory, String name, int size) throws IOException {
        return Files.write(directory.resolve(name), bytes(size));
    }
}
