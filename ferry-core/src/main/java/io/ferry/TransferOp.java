package io.ferry;

/** The direction of a transfer. */
public enum TransferOp {
    /** From the target into memory. */
    READ,
    /** From memory to the target. */
    WRITE
}
