package io.ferry;

/**
 * Something a descriptor points into: a file, an object, a namespace, a stream. Targets are opened
 * through the backend that serves them, and closed through it or with {@link #close()}.
 */
public interface Target extends AutoCloseable {
    /** A short human description for messages, such as {@code file /data/x.bin}. */
    String describe();

    /** The current size in bytes. */
    long size();

    /** False once closed. */
    boolean isOpen();

    /**
     * Closes the target. Refused with {@link ErrorCode#ILLEGAL_STATE} while a transfer that uses it
     * is in flight; prepared transfers that use it fail with {@link ErrorCode#CLOSED} when posted.
     * Closing twice does nothing.
     */
    @Override
    void close();
}
