package io.ferry.stream.wire;

import java.util.List;
import java.util.Objects;

/**
 * What a stream carries: its entries in stream order, each file at a block-aligned base, so that every
 * packet falls inside one file (docs/design/stream.md, "Stream address space"). Immutable.
 */
public final class Manifest {
    private final List<ManifestEntry> entries;
    private final ManifestEntry[] files;
    /** {@code bytesBefore[i]}: the bytes of the files before file {@code i}; one more slot for the total. */
    private final long[] bytesBefore;
    private final long end;

    /** A manifest of {@code entries} (copied), in stream order; it checks nothing ({@link ManifestCodec#decode} does). */
    public Manifest(List<ManifestEntry> entries) {
        this.entries = List.copyOf(entries);
        this.files = this.entries.stream().filter(e -> e.kind() == ManifestEntry.Kind.FILE).toArray(ManifestEntry[]::new);
        this.end = files.length == 0 ? 0 : files[files.length - 1].end();
        this.bytesBefore = new long[files.length + 1];
        for (int i = 0; i < files.length; i++) {
            bytesBefore[i + 1] = bytesBefore[i] + files[i].size();
        }
    }

    /** A stream of one device or memory region of {@code size} bytes: the destination itself. */
    public static Manifest single(long size, int mode) {
        return single(size, mode, 0);
    }

    /** A stream of one file of {@code size} bytes, last modified at {@code modifiedNs} (0: unknown): the destination itself. */
    public static Manifest single(long size, int mode, long modifiedNs) {
        return new Manifest(List.of(new ManifestEntry(ManifestEntry.Kind.FILE, "", mode, size, 0, "", modifiedNs)));
    }

    /** Every entry, files and directories, in stream order. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /** The file entries in stream order. */
    public List<ManifestEntry> files() {
        return List.of(files);
    }

    /** True when the stream is one unnamed file: the destination is that file rather than a directory. */
    public boolean isSingle() {
        return entries.size() == 1 && files.length == 1 && files[0].path().isEmpty();
    }

    /** The stream offset past the last byte of the last file. */
    public long end() {
        return end;
    }

    /** The bytes of all files: what the stream carries, without the room between files. */
    public long bytes() {
        return bytesBefore[files.length];
    }

    /**
     * The bytes of the files below stream offset {@code position}: how much of {@link #bytes()} a stream
     * that got that far has carried (files start at block-aligned bases, so offsets also count the room
     * between files). Allocates nothing.
     */
    public long bytesBelow(long position) {
        int last = lastFileFrom(position - 1);
        return last < 0 ? 0 : bytesBefore[last] + Math.min(files[last].size(), position - files[last].base());
    }

    /**
     * The index (in {@link #files()}) of the file that holds stream offset {@code offset}, or -1 when the
     * offset is in no file. Allocates nothing.
     */
    public int fileAt(long offset) {
        int last = lastFileFrom(offset);
        return last >= 0 && offset < files[last].end() ? last : -1;
    }

    /** The last file (in stream order) that starts at or below {@code offset}, or -1: a binary search. */
    private int lastFileFrom(long offset) {
        int low = 0;
        int high = files.length - 1;
        int last = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (files[middle].base() <= offset) {
                last = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return last;
    }

    /** The file at {@code index} of {@link #fileAt}. */
    public ManifestEntry file(int index) {
        return files[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest manifest && entries.equals(manifest.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }
}
