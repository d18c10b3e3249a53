package io.ferry.file;

/** The alignment rules of direct I/O, in one place. */
final class Direct {
    /** Direct I/O covers whole pages of this size, so that it never shares a page with buffered I/O. */
    static final int PAGE_BYTES = 4096;

    private Direct() {
    }

    /**
     * Where descriptors are cut between the direct middle and the buffered head and tail: the
     * device's alignment rounded up to whole pages for an O_DIRECT file, 1 (no cut) otherwise.
     */
    static int splitAlignment(FileTarget target) {
        return target.isDirect() ? Math.max(target.directAlignment(), PAGE_BYTES) : 1;
    }

    /** The alignment memory needs to go to the device without a bounce buffer. */
    static int memoryAlignment(FileTarget target) {
        return target.isDirect() ? target.directMemoryAlignment() : 1;
    }
}
