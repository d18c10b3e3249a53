package io.ferry.bench;

import io.ferry.spi.RegisteredIo;

import java.util.Objects;

/**
 * The measured phase of one row. Latencies are in microseconds: Prep is one
 * {@code Agent.prepare}, Post one {@code Transfer.post()} call, Tx the time from the return of
 * {@code post()} until the benchmark saw the transfer complete, and Lat the time from the start of
 * {@code post()} until then (Post + Tx).
 *
 * @param op            the row's operation (direction and access pattern)
 * @param engine        the file engine
 * @param direct        whether the file was opened for direct I/O
 * @param blockSizeBytes the length of one descriptor
 * @param batchSize     descriptors per transfer
 * @param ioDepth       transfers kept in flight
 * @param threads       poll groups driving the backend
 * @param bytes         bytes moved by the transfers completed in the measured phase
 * @param seconds       wall time of the measured phase, from the first post to the last completion
 * @param transfers     transfers completed in the measured phase
 * @param avgLatUs      mean of post start to completion
 * @param lat           percentiles and maximum of post start to completion
 * @param avgPrepUs     mean time of one prepare
 * @param p99PrepUs     99th percentile of prepare
 * @param avgPostUs     mean time of one post call
 * @param p99PostUs     99th percentile of post
 * @param avgTxUs       mean of post return to completion
 * @param p99TxUs       99th percentile of post return to completion
 * @param cpuSeconds    CPU time of the whole process (every thread, user and system) during the
 *                      measured phase; NaN when the JVM cannot tell
 * @param registered    how the measured phase's I/Os used registered buffers and files, and why
 *                      some fell back; null when the engine registers nothing (not io_uring)
 */
public record BenchResult(BenchOp op, String engine, boolean direct, long blockSizeBytes, int batchSize,
                          int ioDepth, int threads, long bytes, double seconds, long transfers, double avgLatUs,
                          LatencyPercentiles lat, double avgPrepUs, double p99PrepUs, double avgPostUs, double p99PostUs,
                          double avgTxUs, double p99TxUs, double cpuSeconds, RegisteredIo registered) {
    public BenchResult {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(lat, "lat");
    }

    /** Descriptors (I/Os of one block) completed: transfers times batch size. */
    public long descriptors() {
        return transfers * batchSize;
    }

    /** Descriptors completed per second; 0 when no time was measured. */
    public double iops() {
        return seconds > 0 ? descriptors() / seconds : 0;
    }

    /** Decimal gigabytes per second (10^9 bytes), as nixlbench reports; 0 when no time was measured. */
    public double bandwidthGBps() {
        return seconds > 0 ? bytes / 1e9 / seconds : 0;
    }

    /** CPU seconds per decimal gigabyte moved: what a byte costs; NaN when nothing was moved or CPU time is unknown. */
    public double cpuSecondsPerGB() {
        return CpuCost.secondsPerGB(cpuSeconds, bytes);
    }
}
