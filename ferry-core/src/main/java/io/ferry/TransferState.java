package io.ferry;

/**
 * The life of a {@link Transfer}: PREPARED → POSTED → IN_PROGRESS → DONE | FAILED | CANCELLED, and
 * from any of the three final states back to POSTED when it is posted again. RELEASED is final.
 */
public enum TransferState {
    PREPARED,
    POSTED,
    IN_PROGRESS,
    DONE,
    FAILED,
    CANCELLED,
    RELEASED;

    /** True for DONE, FAILED and CANCELLED: the transfer may be posted again or released. */
    public boolean isComplete() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
