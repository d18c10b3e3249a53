package io.ferry.stream.receive;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.internal.SymbolicLinks;
import io.ferry.stream.DestinationKind;
import io.ferry.stream.internal.Durable;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestEntry;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where a stream lands. A single-file stream goes to DEST itself; a tree into the directory DEST, by
 * relative paths. Files are written under temporary names ({@code .NAME.ferry-part} beside the final
 * name) and renamed at {@link #commit()}, after fsync, so a partial destination never looks complete;
 * symbolic links are made there too, after the files.
 * A device is written in place (it cannot be renamed); its completion is known from the stream only,
 * and a character device is not fsynced ({@link DestinationKind}). Temporary files of an interrupted
 * stream are kept for a resume.
 */
public final class Destination implements AutoCloseable {
    private static final String PART = ".ferry-part";

    private final Manifest manifest;
    private final FileBackend files;
    private final Path root;
    private final DestinationKind kind;
    private final OpenFlag[] openFlags;
    private final Path[] finals;
    private final Path[] temporaries;
    private final FileTarget[] targets;
    private final List<ManifestEntry> links;
    private final Path[] linkPaths;

    /**
     * Prepares the destination: checks every path, creates directories and the temporary files (sized,
     * sparse), or reuses them when {@code resume} is true. Files and a block device are written with
     * O_DIRECT as {@code direct} says (a character device has no page cache to bypass).
     *
     * @param kind what {@code root} is; one that takes {@code manifest} (a device only for a single file)
     */
    public Destination(Manifest manifest, FileBackend files, Path root, DestinationKind kind, boolean resume,
                       DirectMode direct) {
        this.manifest = manifest;
        this.files = files;
        this.openFlags = (kind == DestinationKind.CHARACTER_DEVICE ? DirectMode.OFF : direct).writeFlags();
        this.root = root.toAbsolutePath().normalize();
        this.kind = kind;
        List<ManifestEntry> list = manifest.files();
        finals = new Path[list.size()];
        temporaries = new Path[list.size()];
        targets = new FileTarget[list.size()];
        links = manifest.entries().stream().filter(e -> e.kind() == ManifestEntry.Kind.SYMLINK).toList();
        linkPaths = new Path[links.size()];
        refuseTemporaryNameClash(manifest);
        try {
            if (!manifest.isSingle()) {
                makeDirectory(this.root);
            }
            for (ManifestEntry entry : manifest.entries()) {
                if (entry.kind() == ManifestEntry.Kind.DIRECTORY) {
                    makeDirectory(resolve(entry.path()));
                }
            }
            for (int i = 0; i < list.size(); i++) {
                // A single file is written through a symbolic link, as cp does: the link stays.
                finals[i] = manifest.isSingle() ? SymbolicLinks.follow(this.root) : resolve(list.get(i).path());
                temporaries[i] = kind.isDevice() ? finals[i] : temporaryFor(finals[i]);
                if (!kind.isDevice()) {
                    refuseDirectory(finals[i]);
                }
            }
            for (int i = 0; i < linkPaths.length; i++) {
                linkPaths[i] = resolve(links.get(i).path());
                refuseDirectory(linkPaths[i]);
            }
            for (int i = 0; i < list.size() && !kind.isDevice(); i++) {
                createTemporary(temporaries[i], list.get(i).size(), resume);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot prepare " + root + ": " + e.getMessage(), e);
        }
    }

    /** DEST/relative, creating missing parent directories; refuses a parent that is a symbolic link. */
    private Path resolve(String relative) throws IOException {
        Path path = root;
        String[] names = relative.split("/");
        for (int i = 0; i < names.length - 1; i++) {
            path = path.resolve(names[i]);
            makeDirectory(path);
        }
        Path result = path.resolve(names[names.length - 1]);
        if (!result.normalize().startsWith(root)) {
            throw new FerryException(ErrorCode.PROTOCOL_ERROR, "refusing to write outside " + root + ": " + relative);
        }
        return result;
    }

    /**
     * Refuses a tree that holds both a file (or link) and an entry named like its temporary name: the
     * renames at the end would then move one's bytes over the other's.
     */
    private static void refuseTemporaryNameClash(Manifest manifest) {
        Set<String> paths = new HashSet<>();
        for (ManifestEntry entry : manifest.entries()) {
            paths.add(entry.path());
        }
        for (ManifestEntry entry : manifest.entries()) {
            if (entry.kind() != ManifestEntry.Kind.DIRECTORY && !entry.path().isEmpty()) {
                int slash = entry.path().lastIndexOf('/');
                String temporary = entry.path().substring(0, slash + 1) + "." + entry.path().substring(slash + 1) + PART;
                if (paths.contains(temporary)) {
                    throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot receive a tree that holds both "
                            + entry.path() + " and " + temporary + ", the temporary name of the first");
                }
            }
        }
    }

    /** A file or link cannot replace a directory: refused before any byte moves rather than at the last rename. */
    private static void refuseDirectory(Path path) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot receive " + path
                    + ": a directory is in the way of the file or link the stream holds there");
        }
    }

    private static Path temporaryFor(Path path) {
        return path.resolveSibling("." + path.getFileName() + PART);
    }

    private void makeDirectory(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new FerryException(ErrorCode.PROTOCOL_ERROR,
                    "refusing to write through the symbolic link " + path + " (it may lead outside " + root + ")");
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot receive " + path
                        + ": a file is in the way of the directory the stream holds there");
            }
            Files.createDirectory(path);
        }
    }

    private static void createTemporary(Path path, long size, boolean resume) throws IOException {
        if (resume && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(path)) {
            Files.delete(path);
        }
        Files.deleteIfExists(path);
        Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        }
    }

    /** True when zero runs must be written (a device); a fresh file already reads zeros in its holes. */
    public boolean needsZeros() {
        return kind.isDevice();
    }

    /** The open target of file {@code index} (of {@link Manifest#files()}), opened on first use. */
    public FileTarget target(int index) {
        if (targets[index] == null) {
            targets[index] = files.open(temporaries[index], openFlags);
        }
        return targets[index];
    }

    /**
     * {@code failure} with the temporary file's path replaced by the final name it stands for, so that a
     * message names what the user will find in DEST, not {@code .NAME.ferry-part}.
     */
    public FerryException inUserTerms(FerryException failure) {
        String message = failure.getMessage();
        for (int i = 0; i < temporaries.length; i++) {
            if (temporaries[i] != finals[i] && message.contains(temporaries[i].toString())) {
                return new FerryException(failure.errorCode(), message.replace(temporaries[i].toString(), finals[i].toString()),
                        failure.errno(), failure);
            }
        }
        return failure;
    }

    /** Flushes every open file to its device (before a sync point is confirmed); nothing for a character device. */
    public void sync() {
        if (!kind.isDurable()) {
            return;
        }
        for (FileTarget target : targets) {
            if (target != null) {
                target.sync();
            }
        }
    }

    /**
     * Makes the destination complete: fsync and close every file, rename each temporary file to its final
     * name, apply modes and modification times, make the symbolic links (each under a temporary name,
     * renamed over its final one), and fsync the directories. No write may be in flight.
     */
    public void commit() {
        sync();
        close();
        if (kind.isDevice()) {
            return;
        }
        try {
            List<ManifestEntry> list = manifest.files();
            for (int i = 0; i < finals.length; i++) {
                Files.move(temporaries[i], finals[i], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(finals[i], permissions(list.get(i).mode()));
                setModified(finals[i], list.get(i));
                Durable.syncDirectory(finals[i].getParent());
            }
            for (int i = 0; i < linkPaths.length; i++) {
                Path temporary = temporaryFor(linkPaths[i]);
                Files.deleteIfExists(temporary);
                Files.createSymbolicLink(temporary, Path.of(links.get(i).target()));
                Files.move(temporary, linkPaths[i], StandardCopyOption.ATOMIC_MOVE);
                setModified(linkPaths[i], links.get(i));
                Durable.syncDirectory(linkPaths[i].getParent());
            }
            for (ManifestEntry entry : manifest.entries().reversed()) {
                if (entry.kind() == ManifestEntry.Kind.DIRECTORY) {
                    Files.setPosixFilePermissions(root.resolve(entry.path()), permissions(entry.mode()));
                    setModified(root.resolve(entry.path()), entry);
                }
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot complete " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives {@code path} the entry's modification time, as rsync -a and tar do (so that a later rsync finds
     * it unchanged); a link gets its own time, its target is not touched.
     */
    private static void setModified(Path path, ManifestEntry entry) throws IOException {
        if (entry.modifiedNs() != 0) {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(entry.modifiedNs(), TimeUnit.NANOSECONDS), null, null);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (0400 >> permission.ordinal())) != 0) {
                set.add(permission);
            }
        }
        return set;
    }

    /**
     * Closes the open files and removes the temporary files: a stream that failed before any of it was
     * durable leaves nothing to resume. A device stays as it is. No write may be in flight.
     */
    public void discard() {
        close();
        if (kind.isDevice()) {
            return;
        }
        for (Path temporary : temporaries) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // It stays, as every temporary file stayed before; the next receive into DEST replaces it.
            }
        }
    }

    /** Closes the open files (temporary files stay for a resume). No write may be in flight. Idempotent. */
    @Override
    public void close() {
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != null) {
                targets[i].close();
                targets[i] = null;
            }
        }
    }
}
