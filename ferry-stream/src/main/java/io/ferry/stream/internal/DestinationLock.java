package io.ferry.stream.internal;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.CFunction;
import io.ferry.internal.linux.LibC;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Keeps a second writer out of a destination that another one is writing (a receiver's DEST, an
 * image). Two receivers would use the same temporary files, and the second makes them anew under the
 * first, which would then rename a file the second wrote: a destination with bytes of two streams. The
 * lock is flock(2) on a small file beside the resume record that holds the owner's process id: the
 * kernel lets go of it when its process ends, however it ends, and (unlike fcntl locks, which Java's
 * FileLock uses) no other descriptor of the same file closing in this process lets go of it. The file
 * is removed when the writer closes.
 */
public final class DestinationLock implements AutoCloseable {
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    /** How often a lock file that vanished under an opener is opened again before giving up. */
    private static final int ATTEMPTS = 5;
    private static final CFunction FLOCK = CFunction.returningInt("flock");

    private final Path path;
    private final int fd;

    private DestinationLock(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** The lock file beside a resume record: {@code RECORD.lock}. */
    public static Path besideRecord(Path record) {
        return record.resolveSibling(record.getFileName() + ".lock");
    }

    /**
     * Locks {@code path}; {@code busy} says what another holder is doing, as in "DEST is being received".
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} naming the other process when one holds it
     */
    public static DestinationLock acquire(Path path, String busy) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int fd = LibC.open(errno, path.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0644);
                if (fd < 0) {
                    throw Errno.failure("open", path.toString(), -fd);
                }
                int locked = flock(errno, fd);
                if (locked == -Errno.EAGAIN) {
                    LibC.close(errno, fd);
                    String owner = owner(path);
                    throw new FerryException(ErrorCode.ILLEGAL_STATE, busy + " by another process"
                            + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; it holds " + path);
                }
                if (locked < 0) {
                    LibC.close(errno, fd);
                    throw Errno.failure("flock", path.toString(), -locked);
                }
                // The lock holds only while the name still leads to the file locked: a receiver that
                // finished removes its file, and another may have made a new one meanwhile.
                boolean held;
                try {
                    held = sameFile(path, fd);
                    if (held) {
                        Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
                    }
                } catch (IOException e) {
                    LibC.close(errno, fd); // or the lock would stay held until this process ends
                    throw e;
                }
                if (held) {
                    return new DestinationLock(path, fd);
                }
                LibC.close(errno, fd);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot lock " + path + ": " + e.getMessage(), e);
        }
        throw new FerryException(ErrorCode.ILLEGAL_STATE, "cannot lock " + path + ": other writers keep replacing it");
    }

    private static int flock(MemorySegment errno, int fd) {
        return (int) FLOCK.call(errno, fd, LOCK_EX | LOCK_NB, 0, 0, 0, 0);
    }

    private static boolean sameFile(Path path, int fd) throws IOException {
        try {
            Object named = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            Object open = Files.readAttributes(Path.of("/proc/self/fd/" + fd), BasicFileAttributes.class).fileKey();
            return Objects.equals(named, open);
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    private static String owner(Path path) throws IOException {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException gone) {
            return "";
        }
    }

    /** Removes the lock file, then lets go of the lock. Once only. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot remove " + path + ": " + e.getMessage(), e);
        } finally {
            try (Arena arena = Arena.ofConfined()) {
                LibC.close(LibC.newErrnoState(arena), fd);
            }
        }
    }
}
