package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileEngines;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.settings.Sizes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.ferry.bench.BenchConfigRules.require;

/**
 * What one benchmark run measures: a sweep of rows over one file (backend {@code file}) or one
 * remote object (backend {@code remote}, reads only), one per operation, batch size and block size
 * ({@link #rows()}). Immutable; built and validated by {@link Builder}, which refuses bad values with
 * {@link ErrorCode#INVALID_ARGUMENT} and a message that names the value and the rule.
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

    private BenchConfig(Builder builder) {
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
    public static Builder builder() {
        return new Builder();
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
    public Builder toBuilder() {
        Builder builder = new Builder();
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

    /** Collects values; each is validated when set, and their combinations by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Path filename;
        private String location;
        /** 0 until set: the default of the backend. */
        private long fileSizeBytes;
        private List<BenchOp> operations = List.of(BenchOp.WRITE, BenchOp.READ);
        private List<Long> blockSizes = List.of(4L << 10, 16L << 10, 64L << 10, 256L << 10, 1L << 20);
        private List<Integer> batchSizes = List.of(1);
        private int ioDepth = 1;
        private int threads = 1;
        private long numberIos;
        private String backend = "file";
        private String engine = "psync";
        private boolean direct;
        private boolean invalidate = true;
        private int rwMixRead = 50;
        private long runtimeNs = 2_000_000_000L;
        private long warmupNs = 500_000_000L;
        private boolean verify;
        private boolean allowOverwrite;
        private Settings settings = Settings.fromEnvironment();

        private Builder() {
        }

        /** The file to use; null (the default) for a temporary file. */
        public Builder filename(Path filename) {
            this.filename = filename;
            return this;
        }

        /** The URL of the object, required by the remote backend and refused by the file backend. */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /** Default {@link BenchConfig#DEFAULT_FILE_SIZE_BYTES} for the file backend, the whole object for the remote backend. */
        public Builder fileSizeBytes(long fileSizeBytes) {
            require(fileSizeBytes > 0, "file size must be positive: " + fileSizeBytes);
            this.fileSizeBytes = fileSizeBytes;
            return this;
        }

        /** Default write then read; each operation at most once. */
        public Builder operations(List<BenchOp> operations) {
            this.operations = distinct(operations, "operations", "operation");
            return this;
        }

        public Builder operations(BenchOp... operations) {
            return operations(List.of(operations));
        }

        /** Default 4k, 16k, 64k, 256k, 1m; each positive, at most once. */
        public Builder blockSizes(List<Long> blockSizes) {
            List<Long> checked = distinct(blockSizes, "block sizes", "block size");
            for (long size : checked) {
                require(size > 0, "block size must be positive: " + size);
            }
            this.blockSizes = checked;
            return this;
        }

        public Builder blockSizes(long... blockSizes) {
            List<Long> list = new ArrayList<>(blockSizes.length);
            for (long size : blockSizes) {
                list.add(size);
            }
            return blockSizes(list);
        }

        /** Default 1 only; each at least 1, at most once. */
        public Builder batchSizes(List<Integer> batchSizes) {
            List<Integer> checked = distinct(batchSizes, "batch sizes", "batch size");
            for (int size : checked) {
                require(size >= 1, "batch size must be at least 1: " + size);
            }
            this.batchSizes = checked;
            return this;
        }

        /** One batch size. */
        public Builder batchSize(int batchSize) {
            return batchSizes(List.of(batchSize));
        }

        /** Default 1; at most {@link BenchConfig#MAX_THREADS}. */
        public Builder threads(int threads) {
            require(threads >= 1 && threads <= MAX_THREADS, "threads must be between 1 and " + MAX_THREADS + ": " + threads);
            this.threads = threads;
            return this;
        }

        /** Default 0 (measure for the runtime instead). */
        public Builder numberIos(long numberIos) {
            require(numberIos >= 0, "number of I/Os must not be negative: " + numberIos);
            this.numberIos = numberIos;
            return this;
        }

        /** Default {@code file}; one of {@link BenchConfig#BACKENDS}. */
        public Builder backend(String backend) {
            Objects.requireNonNull(backend, "backend");
            require(BACKENDS.contains(backend.trim()), "unknown backend '" + backend + "' (available: "
                    + String.join(", ", BACKENDS) + ")");
            this.backend = backend.trim();
            return this;
        }

        /** Default 1. */
        public Builder ioDepth(int ioDepth) {
            require(ioDepth >= 1, "iodepth must be at least 1: " + ioDepth);
            this.ioDepth = ioDepth;
            return this;
        }

        /**
         * Default {@code psync}; an unknown name fails with {@code UNKNOWN_ENGINE}, and {@code auto}
         * is replaced by the engine it chooses here. Support is checked when the run starts.
         */
        public Builder engine(String engine) {
            Objects.requireNonNull(engine, "engine");
            require(!engine.isBlank(), "engine must not be empty");
            // Unknown names fail now; "auto" becomes the engine it picks, so reports and --compare name what ran.
            this.engine = FileEngines.resolve(FileEngines.builtins(), engine.trim());
            return this;
        }

        /** Default false. */
        public Builder direct(boolean direct) {
            this.direct = direct;
            return this;
        }

        /** Default true: read rows drop the file from the page cache first (fio's invalidate=1). */
        public Builder invalidate(boolean invalidate) {
            this.invalidate = invalidate;
            return this;
        }

        /** Default 50 (fio's): the percentage of a mixed row's transfers that read, 0 to 100. */
        public Builder rwMixRead(int percent) {
            require(percent >= 0 && percent <= 100, "rwmixread is a percentage from 0 to 100: " + percent);
            this.rwMixRead = percent;
            return this;
        }

        /** Default 2 s; at most {@link BenchConfig#MAX_PHASE_NS}. */
        public Builder runtimeNs(long runtimeNs) {
            require(runtimeNs > 0, "runtime must be positive: " + runtimeNs + " ns");
            require(runtimeNs <= MAX_PHASE_NS, "runtime must be at most one day: " + runtimeNs + " ns");
            this.runtimeNs = runtimeNs;
            return this;
        }

        /** Default 0.5 s; 0 skips the warm-up; at most {@link BenchConfig#MAX_PHASE_NS}. */
        public Builder warmupNs(long warmupNs) {
            require(warmupNs >= 0, "warm-up must not be negative: " + warmupNs + " ns");
            require(warmupNs <= MAX_PHASE_NS, "warm-up must be at most one day: " + warmupNs + " ns");
            this.warmupNs = warmupNs;
            return this;
        }

        /** Default false. */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /** Default false: an existing file or device is only read. */
        public Builder allowOverwrite(boolean allowOverwrite) {
            this.allowOverwrite = allowOverwrite;
            return this;
        }

        /** Default {@link Settings#fromEnvironment()}. */
        public Builder settings(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Checks the values together and freezes them. */
        public BenchConfig build() {
            BenchConfig config = new BenchConfig(this);
            BenchConfigRules.check(config);
            return config;
        }

        private long sizeOrDefaultBytes() {
            return fileSizeBytes == 0 && backend.equals("file") ? DEFAULT_FILE_SIZE_BYTES : fileSizeBytes;
        }

        private static <T> List<T> distinct(List<T> values, String what, String one) {
            Objects.requireNonNull(values, what);
            require(!values.isEmpty(), what + " must not be empty");
            for (int i = 0; i < values.size(); i++) {
                T value = Objects.requireNonNull(values.get(i), one);
                require(values.indexOf(value) == i, one + " " + value + " is listed twice");
            }
            return List.copyOf(values);
        }
    }
}
