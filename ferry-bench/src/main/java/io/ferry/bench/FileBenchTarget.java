package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.BusySpinIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.settings.Settings;
import io.ferry.spi.RegisteredIo;

import java.util.ArrayList;
import java.util.List;

/**
 * The file backend's target: the {@link BenchFile}, laid out before each row (and for a read row
 * dropped from the page cache, unless the config says not to), opened with the
 * row's flags on the configured engine, with a queue deep enough for every I/O the row keeps in
 * flight and one shard per poll group.
 */
final class FileBenchTarget implements BenchTarget {
    private final BenchConfig config;
    private final BenchFile file;
    /** The backend attached to the row's agent last. */
    private FileBackend backend;

    /** The built-in engine that registers buffers and files with the kernel. */
    private static final String REGISTERING_ENGINE = "io_uring";

    private FileBenchTarget(BenchConfig config, BenchFile file) {
        this.config = config;
        this.file = file;
    }

    static FileBenchTarget open(BenchConfig config) {
        return new FileBenchTarget(config, BenchFile.open(config));
    }

    @Override
    public void prepareFor(BenchOp op) {
        // A mixed row reads too: its file is laid out as for reads.
        file.prepareFor(op.reads() ? TransferOp.READ : TransferOp.WRITE, config.verify());
        if (config.invalidate() && op.reads()) {
            PageCache.drop(file.path());
        }
    }

    /**
     * The configured engine, a queue deep enough for every I/O of {@code ioDepth} transfers (blocks
     * above MAX_IO_SIZE count as several I/Os; a larger base value is kept) and one shard per thread.
     */
    @Override
    public void configure(Settings.Builder settings, RowSpec row) {
        Settings base = config.settings();
        long maxIoBytes = base.get(FileSettings.MAX_IO_SIZE);
        long iosPerBlock = (row.blockSizeBytes() + maxIoBytes - 1) / maxIoBytes;
        long iosInFlight = (long) config.ioDepth() * row.batchSize() * iosPerBlock;
        int queueDepth = (int) Math.min(BenchConfig.MAX_IOS_IN_FLIGHT, Math.max(base.get(FileSettings.QUEUE_DEPTH), iosInFlight));
        settings.set(FileSettings.FILE_ENGINE, config.engine())
                .set(FileSettings.QUEUE_DEPTH, queueDepth)
                .set(FileSettings.FILE_SHARDS, config.threads());
    }

    @Override
    public Target open(Agent agent, BenchOp op) {
        List<OpenFlag> flags = new ArrayList<>(List.of(OpenFlag.READ));
        if (op.writes()) {
            flags.add(OpenFlag.WRITE);
            flags.add(OpenFlag.CREATE);
        }
        if (config.direct()) {
            flags.add(OpenFlag.DIRECT);
        }
        backend = agent.attach(FileBackend.factory());
        FileTarget target = backend.open(file.path(), flags.toArray(OpenFlag[]::new));
        if (op.writes()) {
            file.reserve(target);
        }
        return target;
    }

    /** The engine's counts when it registers buffers and files (io_uring), else null. */
    @Override
    public RegisteredIo registeredIo() {
        return backend != null && config.engine().equals(REGISTERING_ENGINE) ? backend.registeredIo() : null;
    }

    @Override
    public void referenceRan(BenchOp op) {
        if (op.writes()) {
            file.overwrittenElsewhere();
        }
    }

    @Override
    public IdleStrategy idleStrategy() {
        return new BusySpinIdleStrategy();
    }

    @Override
    public String location() {
        return file.path().toString();
    }

    @Override
    public void close() {
        file.close();
    }
}
