package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.settings.Sizes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark run measures: a sweep of rows over one file (backend {@code file}) or one
 * remote object (backend {@code remote}, reads only), one per operation, batch size and block size
 * ({@link #rows()}). Immutable; built and validated by a {@link BenchConfigBuilder}, which refuses bad
 * values with {@link ErrorCode#INVALID_ARGUMENT} and a message that names the value and the rule.
 */
public final class BenchConfig {
    /** Direct I/O needs block sizes that are multiples of this. */
    public static final long DIRECT_ALIGNMENT_BYTES = 4096;
    /** The most I/Os a row may keep in flight: the largest queue depth of the file backend. */
    public static final int MAX_IOS_IN_FLIGHT = 65536;
    /** The longest runtime or warm-up of a row: one day. */
    public static final long MAX_PHASE_NS = 86_400_000_000_000L;
    /** The most poll groups (threads) a row may use. */
    public static final int MAX_THREADS = 256;
    /** The backends the benchmark can measure. */
    public static final List<String> BACKENDS = List.of("file", "remote", "nvme");
    /** The file size when none is given. */
    public static final long DEFAULT_FILE_SIZE_BYTES = 256L << 20;

    private final Path filename;
    private final String location;
    private final long fileSizeBytes;
    private final List<BenchOp> operations;
    private final List<Long> blockSizes;
    private final List<Integer> batchSizes;
    private final int ioDepth;
    private final int threads;
    private final long numberIos;
    private final String backend;
    private final String engine;
    private final boolean direct;
    private final boolean invalidate;
    private final int rwMixRead;
    private final long runtimeNs;
    private final long warmupNs;
    private final boolean verify;
    private final boolean allowOverwrite;
    private final Settings settings;

    BenchConfig(BenchConfigBuilder builder) {
        filename = builder.filename;
        location = builder.location;
        fileSizeBytes = builder.sizeOrDefaultBytes();
        operations = List.copyOf(builder.operations);
        blockSizes = List.copyOf(builder.blockSizes);
        batchSizes = List.copyOf(builder.batchSizes);
        ioDepth = builder.ioDepth;
        threads = builder.threads;
        numberIos = builder.numberIos;
        backend = builder.backend;
        engine = builder.engine;
        direct = builder.direct;
        invalidate = builder.invalidate;
        rwMixRead = builder.rwMixRead;
        runtimeNs = builder.runtimeNs;
        warmupNs = builder.warmupNs;
        verify = builder.verify;
        allowOverwrite = builder.allowOverwrite;
        settings = builder.settings;
    }

    /** A builder holding every default. */
    public static BenchConfigBuilder builder() {
        return new BenchConfigBuilder();
    }

    /**
     * This config sized for a target of {@code targetBytes} ({@code described} in messages): its
     * {@code --size} when it fits, else an error; the whole target when no size was given.
     */
    public BenchConfig sizedTo(long targetBytes, String described) {
        if (fileSizeBytes() > targetBytes) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "--size " + Sizes.format(fileSizeBytes())
                    + " exceeds the " + targetBytes + " bytes of " + described);
        }
        return fileSizeBytes() > 0 ? this : toBuilder().fileSizeBytes(targetBytes).build();
    }

    /** A builder holding these values, for a config that differs in a few. */
    public BenchConfigBuilder toBuilder() {
        BenchConfigBuilder builder = new BenchConfigBuilder();
        builder.filename = filename;
        builder.location = location;
        builder.fileSizeBytes = fileSizeBytes;
        builder.operations = operations;
        builder.blockSizes = blockSizes;
        builder.batchSizes = batchSizes;
        builder.ioDepth = ioDepth;
        builder.threads = threads;
        builder.numberIos = numberIos;
        builder.backend = backend;
        builder.engine = engine;
        builder.direct = direct;
        builder.invalidate = invalidate;
        builder.rwMixRead = rwMixRead;
        builder.runtimeNs = runtimeNs;
        builder.warmupNs = warmupNs;
        builder.verify = verify;
        builder.allowOverwrite = allowOverwrite;
        builder.settings = settings;
        return builder;
    }

    /**
     * The file to benchmark, or null for a temporary file in {@code java.io.tmpdir}, deleted after
     * the run; always null for the remote backend.
     */
    public Path filename() {
        return filename;
    }

    /**
     * The URL of the object the remote backend reads ({@code http://}, {@code https://} or
     * {@code s3://}), as given, query included; null for the file backend. Reports record
     * {@link SecretFreeUrl#of(String)} of it instead.
     */
    public String location() {
        return location;
    }

    /** Whether the remote backend is measured. */
    public boolean isRemote() {
        return backend.equals("remote");
    }

    /** Whether the NVMe/TCP host is measured, on the namespace {@link #location()} names. */
    public boolean isNvme() {
        return backend.equals("nvme");
    }

    /**
     * The size of the file region or object prefix the rows cover, and that READ rows need to
     * exist. For the remote backend 0 means the whole object, until {@link BenchRunner#resolve}
     * replaces it with the object's size.
     */
    public long fileSizeBytes() {
        return fileSizeBytes;
    }

    /** The operations to sweep, in order; each gets one row per batch size and block size. */
    public List<BenchOp> operations() {
        return operations;
    }

    /** Every row, operations outermost, then batch sizes, then block sizes. */
    public List<RowSpec> rows() {
        List<RowSpec> rows = new ArrayList<>();
        for (BenchOp op : operations) {
            for (int batchSize : batchSizes) {
                for (long blockSize : blockSizes) {
                    rows.add(new RowSpec(op, blockSize, batchSize));
                }
            }
        }
        return rows;
    }

    /** The block sizes to sweep, in order: the length of one descriptor. */
    public List<Long> blockSizes() {
        return blockSizes;
    }

    /** The batch sizes to sweep, in order: descriptors (blocks) per transfer. */
    public List<Integer> batchSizes() {
        return batchSizes;
    }

    /**
     * Poll groups, each a thread that drives one shard of the file backend; 1 means the benchmark
     * thread drives the agent itself.
     */
    public int threads() {
        return threads;
    }

    /** I/Os (blocks) to measure per row instead of a runtime, as fio's {@code number_ios}; 0 to use the runtime. */
    public long numberIos() {
        return numberIos;
    }

    /** The backend measured: one of {@link #BACKENDS}. */
    public String backend() {
        return backend;
    }

    /** Transfers kept in flight. */
    public int ioDepth() {
        return ioDepth;
    }

    /**
     * The engine of the backend: the file engine, given to {@code FileSettings.FILE_ENGINE}, or for
     * the remote backend {@link RemoteSettings#REMOTE_ENGINE} of the settings.
     */
    public String engine() {
        return isRemote() ? settings.get(RemoteSettings.REMOTE_ENGINE) : isNvme() ? "tcp" : engine;
    }

    /** Whether the file is opened with {@code OpenFlag.DIRECT}. */
    public boolean direct() {
        return direct;
    }

    /**
     * Whether read rows drop the file's pages from the page cache before they start, as fio's
     * {@code invalidate=1}, so that a read measures the device rather than memory unless asked to;
     * always false for the remote backend, which has no page cache.
     */
    public boolean invalidate() {
        return invalidate && !isRemote();
    }

    /**
     * The percentage of a mixed row's ({@code rw}, {@code randrw}) transfers that read, as fio's
     * {@code rwmixread}; the others write.
     */
    public int rwMixRead() {
        return rwMixRead;
    }

    /** The measured time of each row. */
    public long runtimeNs() {
        return runtimeNs;
    }

    /** The time each row runs before it is measured; excluded from results. */
    public long warmupNs() {
        return warmupNs;
    }

    /**
     * Whether each row's file region is read back through Ferry and checked after it is measured.
     * The file then holds a known pattern, and a WRITE row fills each buffer with the pattern of
     * the blocks it is about to write: outside Post and Tx, but inside the measured wall time, so
     * write bandwidth with verification is lower than without.
     */
    public boolean verify() {
        return verify;
    }

    /**
     * Whether the benchmark may write to a {@link #filename()} that existed before the run (a file
     * or a block device): WRITE rows, the pattern that verification needs, and an extension to the
     * size that READ rows need. Without it such a file is only read, and a run that would write it
     * is refused before the first row. A file the run creates, and the temporary file, are the
     * benchmark's own and always written.
     */
    public boolean allowOverwrite() {
        return allowOverwrite;
    }

    /** The settings each row's agent starts from, before the benchmark sets engine and depths. */
    public Settings settings() {
        return settings;
    }
}
