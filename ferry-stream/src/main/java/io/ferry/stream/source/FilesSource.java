package io.ferry.stream.source;

import io.ferry.internal.Errno;
import io.ferry.stream.internal.FileReads;
import io.ferry.stream.prepare.Batch;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestEntry;

import java.nio.file.Path;
import java.util.List;

/**
 * A file, a block device or a directory tree: the files of the manifest, read one after the other,
 * one open at a time. Built by {@link Sources}.
 */
final class FilesSource implements Source {
    private final Manifest manifest;
    private final List<Path> paths;
    private final int blockSize;
    private final FileReads reads = new FileReads();
    private int file;
    private BlockReader reader;
    private long position;

    /** {@code paths.get(i)} holds the bytes of {@code manifest.files().get(i)}. */
    FilesSource(Manifest manifest, List<Path> paths, int blockSize) {
        this.manifest = manifest;
        this.paths = List.copyOf(paths);
        this.blockSize = blockSize;
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    @Override
    public int next(Batch batch) {
        while (reader == null || !reader.hasMore()) {
            closeReader();
            if (file == paths.size()) {
                position = manifest.end();
                return END;
            }
            open(file++, 0);
        }
        reader.next(batch);
        position = batch.offset() + batch.length();
        return PRODUCED;
    }

    private void open(int index, long within) {
        ManifestEntry entry = manifest.file(index);
        String path = paths.get(index).toString();
        int fd = reads.open(path);
        if (fd < 0) {
            throw Errno.failure("open", path, -fd);
        }
        reader = new BlockReader(reads, path, fd, entry.size(), entry.base(), blockSize);
        reader.seek(within);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        closeReader();
        this.position = position;
        file = 0;
        while (file < paths.size() && manifest.file(file).end() <= position) {
            file++;
        }
        if (file < paths.size()) {
            ManifestEntry entry = manifest.file(file);
            open(file++, Math.max(0, position - entry.base()));
        }
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() {
        closeReader();
        reads.close();
    }
}
