package io.ferry.stream.wire;

/**
 * One item of a stream: a file (its bytes occupy {@code [base, base + size)} of the stream), a
 * directory or a symbolic link (no bytes). The single source of a file, device or memory stream is one
 * FILE entry with the empty path: the destination itself.
 *
 * @param kind   FILE, DIRECTORY or SYMLINK
 * @param path   the path relative to the destination, '/'-separated; empty for a single source
 * @param mode   permission bits (at most 07777); 0 for a symbolic link
 * @param size   bytes of a file; 0 for a directory or a symbolic link
 * @param base   the stream offset of the file's first byte, a multiple of the block size; 0 otherwise
 * @param target what a symbolic link points to, as written (it may be absolute or lead out of the
 *               destination: the receiver makes the link and never writes through it); empty otherwise
 * @param modifiedNs the last modification time, in nanoseconds since the epoch, which the receiver gives
 *                   its copy (a link's own time, not its target's); 0 when unknown (memory, payloads, a device)
 */
public record ManifestEntry(Kind kind, String path, int mode, long size, long base, String target, long modifiedNs) {
    /** What an entry is; the code is its byte in the encoded manifest. */
    public enum Kind {
        /** A file, whose bytes are in the stream. */
        FILE(1),
        /** A directory, which has no bytes. */
        DIRECTORY(2),
        /** A symbolic link, which has no bytes: the receiver makes a link with the same target. */
        SYMLINK(3);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The kind's byte in the encoded manifest. */
        public int code() {
            return code;
        }

        static Kind of(int code) {
            return switch (code) {
                case 1 -> FILE;
                case 2 -> DIRECTORY;
                case 3 -> SYMLINK;
                default -> null;
            };
        }
    }

    /** A file or a directory, which has no target, of an unknown modification time. */
    public ManifestEntry(Kind kind, String path, int mode, long size, long base) {
        this(kind, path, mode, size, base, "", 0);
    }

    /** A symbolic link at {@code path} pointing to {@code target}. */
    public static ManifestEntry symlink(String path, String target) {
        return new ManifestEntry(Kind.SYMLINK, path, 0, 0, 0, target, 0);
    }

    /** This entry, last modified at {@code modifiedNs} (nanoseconds since the epoch; 0: unknown). */
    public ManifestEntry modified(long modifiedNs) {
        return new ManifestEntry(kind, path, mode, size, base, target, modifiedNs);
    }

    /** The stream offset just past the file's bytes. */
    public long end() {
        return base + size;
    }
}
