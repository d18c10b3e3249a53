package io.ferry.stream.source;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.internal.FileReads;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.ManifestEntry;
import io.ferry.stream.wire.PathCheck;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Builds sources. Every file starts at a block-aligned stream offset, so no packet spans two files. */
public final class Sources {
    private Sources() {
    }

    /** A regular file or a block device, sent as the destination itself. */
    public static Source file(Path path, int blockSize) {
        FileReads reads = new FileReads();
        int fd = reads.open(path.toString());
        long size = fd < 0 ? fd : reads.size(fd);
        if (fd >= 0) {
            reads.close(fd);
        }
        reads.close();
        if (size < 0) {
            throw io.ferry.internal.Errno.failure(fd < 0 ? "open" : "lseek", path.toString(), (int) -size);
        }
        Manifest manifest = Files.isRegularFile(path) ? fileManifest(path, size) : Manifest.single(size, 0644);
        return new FilesSource(manifest, List.of(path), blockSize);
    }

    /**
     * A directory tree, refusing one that holds a FIFO, a socket or a device (a stream carries files,
     * directories and symbolic links): see {@link #tree(Path, int, Consumer)}.
     */
    public static Source tree(Path root, int blockSize) {
        return tree(root, blockSize, special -> {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot send " + special
                    + ": a stream carries files, directories and symbolic links, not a FIFO, socket or device");
        });
    }

    /**
     * A directory tree: its directories, regular files and symbolic links by relative path, with the
     * permission bits of files and directories and the modification times of all three, in sorted order;
     * first the root itself, the directory with the empty path, whose mode and time DEST takes (as rsync -a
     * gives them to the directory it copies into). Links inside the tree are sent as links (never followed);
     * {@code root} itself is followed when it is one. Each FIFO, socket or device is handed to
     * {@code skipped} and left out. An empty tree is its root alone.
     */
    public static Source tree(Path root, int blockSize, Consumer<Path> skipped) {
        if (!Files.isDirectory(root)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, root + " is not a directory");
        }
        List<ManifestEntry> entries = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long base = 0;
        Path start = followed(root);
        try (Stream<Path> walk = Files.walk(start)) {
            for (Path path : walk.sorted().toList()) {
                String relative = path.equals(start) ? "" : relative(start, path); // the root: DEST itself
                PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                int mode = bits(attributes.permissions());
                if (attributes.isDirectory()) {
                    entries.add(new ManifestEntry(ManifestEntry.Kind.DIRECTORY, relative, mode, 0, 0)
                            .modified(modifiedNs(attributes)));
                } else if (attributes.isRegularFile()) {
                    entries.add(new ManifestEntry(ManifestEntry.Kind.FILE, relative, mode, attributes.size(), base)
                            .modified(modifiedNs(attributes)));
                    files.add(path);
                    base += ManifestCodec.roundUp(attributes.size(), blockSize);
                } else if (attributes.isSymbolicLink()) {
                    entries.add(ManifestEntry.symlink(relative, linkTarget(path)).modified(modifiedNs(attributes)));
                } else {
                    skipped.accept(root.resolve(relative));
                }
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot list " + root + ": " + e.getMessage(), e);
        }
        return new FilesSource(new Manifest(entries), files, blockSize);
    }

    /** The directory {@code root} names, followed when it is a symbolic link. */
    private static Path followed(Path root) {
        try {
            return Files.isSymbolicLink(root) ? root.toRealPath() : root;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot follow " + root + ": " + e.getMessage(), e);
        }
    }

    private static String linkTarget(Path link) throws IOException {
        String target = Files.readSymbolicLink(link).toString();
        if (target.getBytes(StandardCharsets.UTF_8).length > ManifestCodec.MAX_TARGET_BYTES) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot send " + link + ": its target is longer than "
                    + ManifestCodec.MAX_TARGET_BYTES + " bytes");
        }
        return target;
    }

    /** A region of memory, sent as one destination file. */
    public static Source memory(MemorySegment memory, int blockSize) {
        return new MemorySource(memory, blockSize);
    }

    /** The application's payloads for a destination of {@code size} bytes. */
    public static PayloadSource payloads(long size, int blockSize) {
        return new PayloadSource(size, blockSize);
    }

    private static String relative(Path root, Path path) {
        List<String> names = new ArrayList<>();
        for (Path name : root.relativize(path)) {
            names.add(name.toString());
        }
        String relative = String.join("/", names);
        if (!PathCheck.isSafe(relative)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot send " + path + ": its name is too long");
        }
        return relative;
    }

    private static Manifest fileManifest(Path path, long size) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            return Manifest.single(size, bits(attributes.permissions()), modifiedNs(attributes));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot read the attributes of " + path + ": " + e.getMessage(), e);
        }
    }

    private static long modifiedNs(PosixFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }
}
