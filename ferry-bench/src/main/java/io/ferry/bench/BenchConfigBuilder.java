package io.ferry.bench;

import io.ferry.file.FileEngines;
import io.ferry.settings.Settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.ferry.bench.BenchConfigRules.require;

/** Collects values; each is validated when set, and their combinations by {@link #build()}. Not thread-safe. */
public final class BenchConfigBuilder {
    Path filename;
    String location;
    /** 0 until set: the default of the backend. */
    long fileSizeBytes;
    List<BenchOp> operations = List.of(BenchOp.WRITE, BenchOp.READ);
    List<Long> blockSizes = List.of(4L << 10, 16L << 10, 64L << 10, 256L << 10, 1L << 20);
    List<Integer> batchSizes = List.of(1);
    int ioDepth = 1;
    int threads = 1;
    long numberIos;
    String backend = "file";
    String engine = "psync";
    boolean direct;
    boolean invalidate = true;
    int rwMixRead = 50;
    long runtimeNs = 2_000_000_000L;
    long warmupNs = 500_000_000L;
    boolean verify;
    boolean allowOverwrite;
    Settings settings = Settings.fromEnvironment();

    BenchConfigBuilder() {
    }

    /** The file to use; null (the default) for a temporary file. */
    public BenchConfigBuilder filename(Path filename) {
        this.filename = filename;
        return this;
    }

    /** The URL of the object, required by the remote backend and refused by the file backend. */
    public BenchConfigBuilder location(String location) {
        this.location = location;
        return this;
    }

    /** Default {@link BenchConfig#DEFAULT_FILE_SIZE_BYTES} for the file backend, the whole object for the remote backend. */
    public BenchConfigBuilder fileSizeBytes(long fileSizeBytes) {
        require(fileSizeBytes > 0, "file size must be positive: " + fileSizeBytes);
        this.fileSizeBytes = fileSizeBytes;
        return this;
    }

    /** Default write then read; each operation at most once. */
    public BenchConfigBuilder operations(List<BenchOp> operations) {
        this.operations = distinct(operations, "operations", "operation");
        return this;
    }

    public BenchConfigBuilder operations(BenchOp... operations) {
        return operations(List.of(operations));
    }

    /** Default 4k, 16k, 64k, 256k, 1m; each positive, at most once. */
    public BenchConfigBuilder blockSizes(List<Long> blockSizes) {
        List<Long> checked = distinct(blockSizes, "block sizes", "block size");
        for (long size : checked) {
            require(size > 0, "block size must be positive: " + size);
        }
        this.blockSizes = checked;
        return this;
    }

    public BenchConfigBuilder blockSizes(long... blockSizes) {
        List<Long> list = new ArrayList<>(blockSizes.length);
        for (long size : blockSizes) {
            list.add(size);
        }
        return blockSizes(list);
    }

    /** Default 1 only; each at least 1, at most once. */
    public BenchConfigBuilder batchSizes(List<Integer> batchSizes) {
        List<Integer> checked = distinct(batchSizes, "batch sizes", "batch size");
        for (int size : checked) {
            require(size >= 1, "batch size must be at least 1: " + size);
        }
        this.batchSizes = checked;
        return this;
    }

    /** One batch size. */
    public BenchConfigBuilder batchSize(int batchSize) {
        return batchSizes(List.of(batchSize));
    }

    /** Default 1; at most {@link BenchConfig#BenchConfig.MAX_THREADS}. */
    public BenchConfigBuilder threads(int threads) {
        require(threads >= 1 && threads <= BenchConfig.MAX_THREADS, "threads must be between 1 and " + BenchConfig.MAX_THREADS + ": " + threads);
        this.threads = threads;
        return this;
    }

    /** Default 0 (measure for the runtime instead). */
    public BenchConfigBuilder numberIos(long numberIos) {
        require(numberIos >= 0, "number of I/Os must not be negative: " + numberIos);
        this.numberIos = numberIos;
        return this;
    }

    /** Default {@code file}; one of {@link BenchConfig#BACKENDS}. */
    public BenchConfigBuilder backend(String backend) {
        Objects.requireNonNull(backend, "backend");
        require(BenchConfig.BACKENDS.contains(backend.trim()), "unknown backend '" + backend + "' (available: "
                + String.join(", ", BenchConfig.BACKENDS) + ")");
        this.backend = backend.trim();
        return this;
    }

    /** Default 1. */
    public BenchConfigBuilder ioDepth(int ioDepth) {
        require(ioDepth >= 1, "iodepth must be at least 1: " + ioDepth);
        this.ioDepth = ioDepth;
        return this;
    }

    /**
     * Default {@code psync}; an unknown name fails with {@code UNKNOWN_ENGINE}, and {@code auto}
     * is replaced by the engine it chooses here. Support is checked when the run starts.
     */
    public BenchConfigBuilder engine(String engine) {
        Objects.requireNonNull(engine, "engine");
        require(!engine.isBlank(), "engine must not be empty");
        // Unknown names fail now; "auto" becomes the engine it picks, so reports and --compare name what ran.
        this.engine = FileEngines.resolve(FileEngines.builtins(), engine.trim());
        return this;
    }

    /** Default false. */
    public BenchConfigBuilder direct(boolean direct) {
        this.direct = direct;
        return this;
    }

    /** Default true: read rows drop the file from the page cache first (fio's invalidate=1). */
    public BenchConfigBuilder invalidate(boolean invalidate) {
        this.invalidate = invalidate;
        return this;
    }

    /** Default 50 (fio's): the percentage of a mixed row's transfers that read, 0 to 100. */
    public BenchConfigBuilder rwMixRead(int percent) {
        require(percent >= 0 && percent <= 100, "rwmixread is a percentage from 0 to 100: " + percent);
        this.rwMixRead = percent;
        return this;
    }

    /** Default 2 s; at most {@link BenchConfig#BenchConfig.MAX_PHASE_NS}. */
    public BenchConfigBuilder runtimeNs(long runtimeNs) {
        require(runtimeNs > 0, "runtime must be positive: " + runtimeNs + " ns");
        require(runtimeNs <= BenchConfig.MAX_PHASE_NS, "runtime must be at most one day: " + runtimeNs + " ns");
        this.runtimeNs = runtimeNs;
        return this;
    }

    /** Default 0.5 s; 0 skips the warm-up; at most {@link BenchConfig#BenchConfig.MAX_PHASE_NS}. */
    public BenchConfigBuilder warmupNs(long warmupNs) {
        require(warmupNs >= 0, "warm-up must not be negative: " + warmupNs + " ns");
        require(warmupNs <= BenchConfig.MAX_PHASE_NS, "warm-up must be at most one day: " + warmupNs + " ns");
        this.warmupNs = warmupNs;
        return this;
    }

    /** Default false. */
    public BenchConfigBuilder verify(boolean verify) {
        this.verify = verify;
        return this;
    }

    /** Default false: an existing file or device is only read. */
    public BenchConfigBuilder allowOverwrite(boolean allowOverwrite) {
        this.allowOverwrite = allowOverwrite;
        return this;
    }

    /** Default {@link Settings#fromEnvironment()}. */
    public BenchConfigBuilder settings(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Checks the values together and freezes them. */
    public BenchConfig build() {
        BenchConfig config = new BenchConfig(this);
        BenchConfigRules.check(config);
        return config;
    }

    long sizeOrDefaultBytes() {
        return fileSizeBytes == 0 && backend.equals("file") ? BenchConfig.DEFAULT_FILE_SIZE_BYTES : fileSizeBytes;
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
