package io.ferry.spi;

import io.ferry.FerryException;

/**
 * What a backend sees of the transfer it serves, and how it reports: the transfer keeps the state
 * of each post in one place (target offsets, failures, the cancel flag, what is left), and the
 * backend reads and writes it here instead of keeping copies. Indices are the backend's own
 * (0 to the number of descriptors it was given). Methods may be called from any thread; they are
 * cheap and allocate nothing on success.
 */
public interface TransferProgress {
    /** The first I/O of the post was issued. */
    void started();

    /** Where descriptor {@code index} goes in this post: as prepared, or as last retargeted. */
    long targetOffset(int index);

    /**
     * Descriptor {@code index} failed (or was cancelled, with {@link io.ferry.ErrorCode#CANCELLED});
     * the first cause of a post wins, later ones are ignored.
     */
    void fail(int index, FerryException cause);

    /** Whether descriptor {@code index} failed in this post; its remaining I/O need not be issued. */
    boolean hasFailed(int index);

    /** Whether cancellation was requested for this post. */
    boolean isCancelRequested();

    /**
     * The backend is done with this post: every descriptor it serves has every byte in place or
     * {@linkplain #fail failed}, and none of its I/O is in flight. Called exactly once per post,
     * after the last {@code fail}; the transfer may be posted again from then on.
     */
    void completed();
}
