package io.ferry.stream.wire;

/**
 * One item of a stream: a file (its bytes occupy {@code [base, base + size)} of the stream) or a
 * directory (no bytes). The single source of a file, device or memory stream is one FILE entry with
 * the empty path: the destination itself.
 *
 * @param kind FILE or DIRECTORY
 * @param path the path relative to the destination, '/'-separated; empty for a single source
 * @param mode permission bits (at most 07777)
 * @param size bytes of a file; 0 for a directory
 * @param base the stream offset of the file's first byte, a multiple of the block size; 0 for a directory
 */
public record ManifestEntry(Kind kind, String path, int mode, long size, long base) {
    /** What an entry is; the code is its byte in the encoded manifest. */
    public enum Kind {
        /** A file, whose bytes are in the stream. */
        FILE(1),
        /** A directory, which has no bytes. */
        DIRECTORY(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The kind's byte in the encoded manifest. */
        public int code() {
            return code;
        }

        static Kind of(int code) {
            return code == 1 ? FILE : code == 2 ? DIRECTORY : null;
        }
    }

    /** The stream offset just past the file's bytes. */
    public long end() {
        return base + size;
    }
}
