package io.ferry;

/**
 * The life of a {@link Transfer}: PREPARED → POSTED → IN_PROGRESS → DONE | FAILED | CANCELLED, and
 * from any of the three final states back to POSTED when it is posted again. RELEASED is final.
 */
public enum TransferState {
    /** Prepared and never posted. */
    PREPARED,
    /** Posted; no backend has started on it yet. */
    POSTED,
    /** A backend is moving its bytes. */
    IN_PROGRESS,
    /** Every descriptor was moved. */
    DONE,
    /** At least one descriptor failed; {@link Transfer#status()} names each. */
    FAILED,
    /** Cancelled before it completed. */
    CANCELLED,
    /** Released: it can never be posted again. */
    RELEASED;

    /** True for DONE, FAILED and CANCELLED: the transfer may be posted again or released. */
    public boolean isComplete() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
