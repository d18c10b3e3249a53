package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path from the command line, read as the kernel reads it. {@link Path#of} drops a trailing slash,
 * so {@code a.bin/} opened the file a.bin and a destination {@code new/} became a file named new,
 * where open(2), cp and the shell refuse both: a trailing slash names a directory.
 */
final class ArgumentPath {
    private ArgumentPath() {
    }

    /**
     * The path {@code given} names.
     *
     * @throws FerryException when it ends with a slash and is not a directory (missing, or another kind of file)
     */
    static Path of(String given) {
        Path path = Path.of(given);
        if (namesDirectory(given) && !Files.isDirectory(path)) {
            throw Files.exists(path) ? notDirectory(given)
                    : new FerryException(ErrorCode.NOT_FOUND, given + ": no such directory (a trailing / names a directory)");
        }
        return path;
    }

    /**
     * The path {@code given} names, where a missing directory is created later (a tree received into it).
     *
     * @throws FerryException when it ends with a slash and names a file that is not a directory
     */
    static Path ofNewOrDirectory(String given) {
        Path path = Path.of(given);
        if (namesDirectory(given) && Files.exists(path) && !Files.isDirectory(path)) {
            throw notDirectory(given);
        }
        return path;
    }

    /** Whether {@code given} ends with a slash, which names a directory. */
    static boolean namesDirectory(String given) {
        return given.length() > 1 && given.endsWith("/");
    }

    private static FerryException notDirectory(String given) {
        return new FerryException(ErrorCode.INVALID_ARGUMENT, given + ": not a directory (a trailing / names a directory)");
    }
}
