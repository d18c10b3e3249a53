package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.SymbolicLinks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a destination argument names, found before anything is written: standard output
 * ({@code -}, or a path such as {@code /dev/stdout} that is the same file as it), a file to create
 * or replace (through symbolic links, as cp writes: the link stays and the file it points to is
 * written), a block device or a character device that takes writes at offsets such as /dev/null
 * (written at offsets, in place), another non-regular file (a terminal, FIFO or socket, written in
 * order, in place), or a directory.
 *
 * @param kind  what the path is
 * @param path  the path to write: for a file, the file itself with every symbolic link followed;
 *              else the path as given
 * @param given the argument, for messages
 */
record DestinationPath(Kind kind, Path path, String given) {
    enum Kind {
        /** The process's standard output (file descriptor 1), whatever it is. */
        STANDARD_OUTPUT,
        /** No file yet: one is created. */
        NEW_FILE,
        /** An existing regular file, replaced. */
        EXISTING_FILE,
        /** A block device: written at offsets, in place. */
        BLOCK_DEVICE,
        /** A character device that takes writes at offsets (pwrite(2)), such as /dev/null: written so, in place. */
        CHARACTER_DEVICE,
        /** A character device that does not (a terminal), a FIFO or a socket: written in order, in place. */
        STREAM,
        /** A directory. */
        DIRECTORY
    }

    /** Whether the destination is a file that the command writes beside and renames into place. */
    boolean isFile() {
        return kind == Kind.NEW_FILE || kind == Kind.EXISTING_FILE;
    }

    /** Whether the destination is written at offsets, in any order (a file or a device that takes that). */
    boolean takesOffsets() {
        return isFile() || kind == Kind.BLOCK_DEVICE || kind == Kind.CHARACTER_DEVICE;
    }

    /** Whether the destination can be read back and compared (a file or a block device). */
    boolean canBeReadBack() {
        return isFile() || kind == Kind.BLOCK_DEVICE;
    }

    /** Classifies {@code given}: {@code -} is standard output. */
    static DestinationPath of(String given) throws IOException {
        Objects.requireNonNull(given, "given");
        if (given.equals("-")) {
            return new DestinationPath(Kind.STANDARD_OUTPUT, null, given);
        }
        Path path = ArgumentPath.of(given);
        if (!Files.exists(path)) {
            return new DestinationPath(Kind.NEW_FILE, followLinks(path), given);
        }
        if (isStandardOutput(path)) {
            return new DestinationPath(Kind.STANDARD_OUTPUT, path, given);
        }
        int type = (int) Files.getAttribute(path, "unix:mode") & 0170000;
        return switch (type) {
            case 0100000 -> new DestinationPath(Kind.EXISTING_FILE, path.toRealPath(), given);
            case 0040000 -> new DestinationPath(Kind.DIRECTORY, path, given);
            case 0060000 -> new DestinationPath(Kind.BLOCK_DEVICE, path, given);
            case 0020000 -> new DestinationPath(PositionedWrites.accepted(path) ? Kind.CHARACTER_DEVICE : Kind.STREAM, path, given);
            default -> new DestinationPath(Kind.STREAM, path, given);
        };
    }

    /** Whether {@code path} is the file that standard output writes (the same device and inode). */
    private static boolean isStandardOutput(Path path) throws IOException {
        Path stdout = Path.of("/proc/self/fd/1");
        return Files.exists(stdout) && Objects.equals(Files.getAttribute(stdout, "unix:ino"), Files.getAttribute(path, "unix:ino"))
                && Objects.equals(Files.getAttribute(stdout, "unix:dev"), Files.getAttribute(path, "unix:dev"));
    }

    /**
     * The file that a path which does not exist yet names: itself, or where its chain of symbolic
     * links ends; its directory must exist.
     */
    private static Path followLinks(Path path) throws IOException {
        Path current = SymbolicLinks.follow(path);
        Path parent = current.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FerryException(ErrorCode.NOT_FOUND, parent + ": no such directory");
        }
        return current;
    }
}
