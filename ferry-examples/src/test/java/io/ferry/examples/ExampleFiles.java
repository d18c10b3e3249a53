package io.ferry.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Files for the examples' tests. */
final class ExampleFiles {
    private ExampleFiles() {
    }

    /** {@code size} seeded random bytes at {@code path}. */
    static Path random(Path path, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(path, bytes);
    }

    /** A longer file at {@code path}, so a copy that does not truncate it would show. */
    static Path withJunk(Path path) throws IOException {
        return Files.write(path, new byte[8 << 20]);
    }
}
