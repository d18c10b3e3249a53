package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes its output file. A regular file is written to a temporary file beside it
 * and renamed into place by {@link #commit()}, so a failed or interrupted command never leaves a
 * partial or damaged file; closing without a commit deletes the temporary file. Devices such as
 * /dev/null are written in place.
 */
final class Destination implements AutoCloseable {
    private final Path target;
    private final Path written;
    private final boolean inPlace;
    private boolean committed;

    private Destination(Path target, Path written, boolean inPlace) {
        this.target = target;
        this.written = written;
        this.inPlace = inPlace;
    }

    static Destination of(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FerryException(ErrorCode.NOT_FOUND, parent + ": no such directory");
        }
        if (Files.isDirectory(target)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, target + " is a directory");
        }
        boolean inPlace = Files.exists(target) && !Files.isRegularFile(target);
        Path written = inPlace ? target
                : target.resolveSibling("." + target.getFileName() + ".ferry-" + ProcessHandle.current().pid() + ".part");
        if (!inPlace) {
            // An interrupted command (Ctrl-C) leaves no partial file behind either.
            written.toFile().deleteOnExit();
        }
        return new Destination(target, written, inPlace);
    }

    /** The final path. */
    Path target() {
        return target;
    }

    /** The path to write now. */
    Path written() {
        return written;
    }

    /** Puts the written file in place of the target. */
    void commit() throws IOException {
        if (!inPlace) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed && !inPlace) {
            Files.deleteIfExists(written);
        }
    }
}
