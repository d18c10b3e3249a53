package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.internal.IoErrors;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a command writes its output, and how it is put in place (see docs/design/destinations.md).
 * A file is written to a temporary file beside it ({@link PartFile}) and renamed into place by
 * {@link #commit}, after its data (and then its directory) reached the device unless fsync is off,
 * so that neither a failed command nor a power loss leaves a partial file. A new file gets the mode
 * the command asks for (under the umask); a replaced file keeps its mode, owner and group, copied to
 * the temporary file before the rename. A file with other hard links, or whose owner this process
 * cannot give the temporary file, is written in place instead once the temporary file is complete,
 * as cp writes, so that its links and owner stay. Devices, FIFOs and standard output are written in
 * place. Closing without a commit deletes the temporary file.
 */
final class Destination implements AutoCloseable {
    private final DestinationPath destination;
    private final Path written;
    private final boolean fsync;
    private FileChannel stream;
    private boolean committed;

    private Destination(DestinationPath destination, Path written, boolean fsync) {
        this.destination = destination;
        this.written = written;
        this.fsync = fsync;
    }

    /**
     * Readies {@code destination} for writing: removes stale temporary files of it (saying so on
     * {@code err}) and creates this process's, with {@code newFileMode} (null: the default mode
     * 0666) under the umask.
     */
    static Destination open(DestinationPath destination, Set<PosixFilePermission> newFileMode, boolean fsync,
                            PrintWriter err) throws IOException {
        if (!destination.isFile()) {
            return new Destination(destination, destination.path(), fsync);
        }
        PartFile.removeStale(destination.path(), err);
        Path part = PartFile.of(destination.path());
        FileAttribute<?>[] mode = newFileMode == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(newFileMode)};
        try {
            Files.createFile(part, mode);
        } catch (IOException e) {
            throw new Destination(destination, part, fsync).inUserTerms(e);
        }
        // Also when the command is interrupted (Ctrl-C); kill -9 leaves it to the next run (PartFile).
        part.toFile().deleteOnExit();
        return new Destination(destination, part, fsync);
    }

    /** The file to read back for a comparison: what was written, before the commit. */
    Path readBack() {
        return written;
    }

    /**
     * Opens what the copy of {@code size} bytes writes into: a file or block device at offsets,
     * anything else in order. Never with O_TRUNC: the temporary file is new and empty, and ext4
     * flushes a file truncated to size 0 when it is closed (auto_da_alloc), which cost a 2 GiB copy
     * 0.6 s in close(). The temporary file gets its {@code size} bytes reserved first
     * ({@link FileTarget#allocate}): a full disk fails before the transfer, and O_DIRECT writes do not
     * extend the file, which ext4 runs one at a time (a 2 GiB get took 1.8-2.1 s, 1.3-1.5 s reserved).
     * Not in memory (tmpfs, ramfs): nothing runs one at a time there, and tmpfs takes every page at
     * once, which made a 2 GiB get into /dev/shm slower (1.15-1.32 s, 1.43-3.60 s reserved).
     */
    BlockOutput output(FileBackend files, DirectMode direct, long size) throws IOException {
        return switch (destination.kind()) {
            case STANDARD_OUTPUT -> new BlockOutput.InOrder(new FileOutputStream(FileDescriptor.out).getChannel(), "standard output");
            case STREAM -> new BlockOutput.InOrder(stream = FileChannel.open(written, StandardOpenOption.WRITE), destination.given());
            default -> {
                FileTarget file = files.open(written, direct.writeFlags());
                if (destination.isFile() && !isInMemory(written)) {
                    file.allocate(size);
                }
                yield new BlockOutput.AtOffsets(file);
            }
        };
    }

    /** Whether {@code path} is on a file system in memory; false when that cannot be told. */
    private static boolean isInMemory(Path path) {
        try {
            String type = Files.getFileStore(path).type();
            return type.equals("tmpfs") || type.equals("ramfs");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Puts what was written in place. {@code inPlace} copies the complete temporary file into the
     * destination itself, for a file whose links or owner a rename would lose.
     */
    void commit(InPlaceCopy inPlace) throws IOException {
        switch (destination.kind()) {
            case NEW_FILE -> {
                sync(written);
                Files.move(written, destination.path(), StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
            }
            case EXISTING_FILE -> replace(inPlace);
            case BLOCK_DEVICE -> sync(written);
            default -> {
                // Streams and character devices have nothing to sync.
            }
        }
        committed = true;
    }

    private void replace(InPlaceCopy inPlace) throws IOException {
        Path target = destination.path();
        int links = (int) Files.getAttribute(target, "unix:nlink");
        if (links == 1 && takeOwnerAndMode(target)) {
            sync(written);
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
        } else {
            inPlace.copy(written, target);
            sync(target);
            Files.delete(written);
        }
    }

    /** Gives the temporary file the target's owner, group and mode; false when this process may not. */
    private boolean takeOwnerAndMode(Path target) throws IOException {
        try {
            for (String attribute : new String[] {"unix:uid", "unix:gid"}) {
                Object value = Files.getAttribute(target, attribute);
                if (!value.equals(Files.getAttribute(written, attribute))) {
                    Files.setAttribute(written, attribute, value);
                }
            }
        } catch (FileSystemException notPermitted) {
            return false;
        }
        // After the owner: chown clears the set-user-ID and set-group-ID bits.
        Files.setAttribute(written, "unix:mode", (int) Files.getAttribute(target, "unix:mode") & 07777);
        return true;
    }

    private void sync(Path path) throws IOException {
        if (fsync) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    /** Makes the rename durable: the directory entry reaches the device too. */
    private void syncDirectory() throws IOException {
        if (fsync) {
            try (FileChannel directory = FileChannel.open(destination.path().toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        }
    }

    /**
     * The failure with the temporary file's path replaced by the destination the user named, so
     * that a message never names a file the user did not ask for.
     */
    FerryException inUserTerms(IOException e) {
        return inUserTerms(new FerryException(ErrorCode.IO_ERROR, IoErrors.describe(e), e));
    }

    /** The failure with the temporary file's path replaced by the destination the user named. */
    FerryException inUserTerms(FerryException e) {
        if (written == null || !e.getMessage().contains(written.toString())) {
            return e;
        }
        return new FerryException(e.errorCode(), e.getMessage().replace(written.toString(), destination.given()), e.errno(), e);
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
        if (!committed && destination.isFile()) {
            Files.deleteIfExists(written);
        }
    }

    /** Copies a complete file into another in place (same size, every byte). */
    @FunctionalInterface
    interface InPlaceCopy {
        void copy(Path from, Path to) throws IOException;
    }
}
