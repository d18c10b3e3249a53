package io.ferry.spi;

/** A backend's part of one prepared transfer. */
public interface BackendTransfer {
    /**
     * Starts (again) every descriptor of this part. Called by the agent on the posting thread, never
     * while a previous post is still in flight; must not block.
     */
    void post();

    /** Asks the backend to stop issuing I/O for this part; may be called from any thread, repeatedly. */
    void cancel();

    /** Frees what the part holds; called once, when the transfer is released and not in flight. */
    void release();
}
