package io.ferry.spi;

/** A backend's part of one prepared transfer. */
public interface BackendTransfer {
    /**
     * Starts (again) every descriptor of this part. Called by the agent on the posting thread, never
     * while a previous post is still in flight; must not block.
     */
    void post();

    /**
     * Moves descriptor {@code index} of this part to {@code targetOffset}. Called on the posting
     * thread while the part is not in flight, after the agent checked the offset's range; the
     * backend checks its own rules (alignment) and throws before changing anything. Must not
     * allocate: it sits on the path of every post of a streaming workload.
     */
    void retarget(int index, long targetOffset);

    /** Asks the backend to stop issuing I/O for this part; may be called from any thread, repeatedly. */
    void cancel();

    /** Frees what the part holds; called once, when the transfer is released and not in flight. */
    void release();
}
