package io.ferry.bench;

/**
 * Where the prepared transfers of a row go: {@link #transferCount()} transfers of
 * {@code batchSize} descriptors, each descriptor one block at {@link #offsetBytes}. The runner
 * prepares every transfer once and posts them in order, wrapping around.
 *
 * <p>Buffers: transfer {@code t} uses buffer slot {@code t % ioDepth}, and the count is a
 * multiple of the iodepth, so each in-flight slot cycles over its own transfers and no two
 * transfers in flight share memory.
 */
interface Workload {
    /** The number of prepared transfers: a multiple of the iodepth. */
    int transferCount();

    /** The file offset of descriptor {@code descriptor} of transfer {@code transfer}. */
    long offsetBytes(int transfer, int descriptor);

    /** The file region {@code [0, regionBytes)} that holds every block of every transfer. */
    long regionBytes();
}
