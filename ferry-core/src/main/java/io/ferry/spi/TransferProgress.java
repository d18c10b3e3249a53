package io.ferry.spi;

import io.ferry.FerryException;

/**
 * How a backend reports progress of its part of a transfer. Every descriptor of a post is
 * reported exactly once, as done or as failed. Methods may be called from any thread; they are
 * cheap and allocate nothing on success.
 */
public interface TransferProgress {
    /** The first I/O of the post was issued. */
    void started();

    /** Descriptor {@code index} completed with every byte in place. */
    void descriptorDone(int index);

    /** Descriptor {@code index} failed (or was cancelled, with {@link io.ferry.ErrorCode#CANCELLED}). */
    void descriptorFailed(int index, FerryException cause);

    /** Whether cancellation was requested for this post. */
    boolean isCancelRequested();
}
