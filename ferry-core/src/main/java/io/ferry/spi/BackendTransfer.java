package io.ferry.spi;

/**
 * A backend's part of one prepared transfer. The transfer holds the post's state (offsets,
 * failures, cancel flag); the part holds only what the backend derives from it.
 */
public interface BackendTransfer {
    /**
     * Starts (again) every descriptor of this part, reading offsets from the transfer's
     * {@link TransferProgress}. Called by the agent on the posting thread, never while a previous
     * post is still in flight, after the backend's in-flight limit admitted it; must not block.
     */
    void post();

    /**
     * Checks that descriptor {@code index} of this part may move to {@code targetOffset} (the
     * backend's own rules, such as alignment), throwing before anything changes; the transfer then
     * keeps the offset. Called on the posting thread while the part is not in flight, after the
     * agent checked the offset's range. Must not allocate: it sits on the path of every post of a
     * streaming workload.
     */
    void checkRetarget(int index, long targetOffset);

    /**
     * The transfer was cancelled; the flag is the transfer's ({@link TransferProgress#isCancelRequested()}).
     * A backend whose components might not look at it soon can wake them here. Any thread. Default: nothing.
     */
    default void cancelRequested() {
    }

    /** Frees what the part holds; called once, when the transfer is released and not in flight. */
    void release();
}
