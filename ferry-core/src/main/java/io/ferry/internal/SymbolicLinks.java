package io.ferry.internal;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Following symbolic links the way the kernel does when it opens a path for writing. */
public final class SymbolicLinks {
    /** Hops through symbolic links before giving up, as the kernel does (ELOOP). */
    private static final int MAX_HOPS = 40;

    private SymbolicLinks() {
    }

    /**
     * The file that a write to {@code path} lands in: {@code path} itself, or where its chain of
     * symbolic links ends, whether that file exists or not (a dangling link is written through: the
     * file it names is created, as {@code open(O_CREAT)} does). Absolute and normalized.
     *
     * @throws FerryException {@link ErrorCode#IO_ERROR} naming ELOOP after too many links
     */
    public static Path follow(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int hop = 0; Files.isSymbolicLink(current); hop++) {
            if (hop == MAX_HOPS) {
                throw new FerryException(ErrorCode.IO_ERROR, path + ": " + Errno.name(Errno.ELOOP));
            }
            current = current.getParent().resolve(Files.readSymbolicLink(current)).normalize();
        }
        return current;
    }
}
