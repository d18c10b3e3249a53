package io.ferry.bench;

/**
 * Where the transfers of a row go: {@link #positionCount()} positions of {@code batchSize}
 * descriptors, each descriptor one block at {@link #offsetBytes}. The runner prepares one transfer
 * per in-flight slot and, before each post, {@linkplain io.ferry.Transfer#retarget retargets} it
 * to the slot's next position, as fio reuses its I/O units; positions are posted in order,
 * wrapping around.
 *
 * <p>Buffers: position {@code p} is served by slot {@code p % ioDepth}, and the count is a
 * multiple of the iodepth, so each slot walks its own positions with its own buffer.
 */
interface Workload {
    /** The number of positions: a multiple of the iodepth. */
    int positionCount();

    /** The file offset of descriptor {@code descriptor} at position {@code position}. */
    long offsetBytes(int position, int descriptor);

    /** The file region {@code [0, regionBytes)} that holds every block of every position. */
    long regionBytes();
}
