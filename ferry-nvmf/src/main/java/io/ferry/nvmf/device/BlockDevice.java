package io.ferry.nvmf.device;

/**
 * Storage a namespace exposes: a number of fixed-size blocks. Thread-safe: each poll group opens
 * its own {@link BlockChannel} (many queues per namespace), on its own thread. Closing is for
 * the application, once every channel is closed.
 */
public interface BlockDevice extends AutoCloseable {
    /** Bytes per logical block: 512 or 4096. */
    int blockSize();

    /** Number of logical blocks. */
    long blockCount();

    /** Whether written data may sit in a volatile cache until a flush (a file's page cache does). */
    boolean hasVolatileWriteCache();

    /** For messages: {@code "file /data/disk.img"}. */
    String describe();

    /**
     * Opens a channel for the calling poll group.
     *
     * @param depth      the most operations the caller keeps outstanding on it
     * @param completion told of every completion, during {@link BlockChannel#poll()}
     */
    BlockChannel openChannel(int depth, BlockCompletion completion);

    /** Releases the device. Idempotent. */
    @Override
    void close();
}
