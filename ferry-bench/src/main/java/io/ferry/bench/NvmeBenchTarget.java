package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Target;
import io.ferry.nvmf.host.NvmeBackend;
import io.ferry.nvmf.host.NvmeHostSettings;
import io.ferry.nvmf.host.NvmeNamespace;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.settings.Settings;

/**
 * The NVMe backend's target: one namespace of an NVMe/TCP controller, written only with
 * --allow-overwrite. Each row attaches an NVMe backend of its own and opens the namespace there
 * (a controller connection per row, outside any timing), with a queue as deep as the row keeps
 * commands in flight.
 */
final class NvmeBenchTarget implements BenchTarget {
    /** The largest command the host sends (SPDK's MDTS); a row's block counts as this many commands. */
    private static final long COMMAND_BYTES = 128 * 1024;

    private final BenchConfig config;

    private NvmeBenchTarget(BenchConfig config) {
        this.config = config;
    }

    static NvmeBenchTarget open(BenchConfig config) {
        return new NvmeBenchTarget(config);
    }

    /**
     * The config with the namespace's size when none was given, else the given one, which must fit
     * in the namespace. Connects to the controller once.
     */
    static BenchConfig resolve(BenchConfig config) {
        long namespaceBytes;
        String described;
        try (Agent agent = Agent.create(config.settings())) {
            try (NvmeNamespace namespace = agent.attach(NvmeBackend.factory()).open(config.location())) {
                namespaceBytes = namespace.size();
                described = namespace.describe();
            }
        }
        return config.sizedTo(namespaceBytes, described);
    }

    @Override
    public void prepareFor(BenchOp op) {
        // A namespace always holds data to read; writes were allowed when the config was built.
    }

    @Override
    public void configure(Settings.Builder settings, RowSpec row) {
        long commandsPerBlock = (row.blockSizeBytes() + COMMAND_BYTES - 1) / COMMAND_BYTES;
        long inFlight = (long) config.ioDepth() * row.batchSize() * commandsPerBlock;
        int depth = (int) Math.min(NvmeHostSettings.NVME_QUEUE_DEPTH_MAX,
                Math.max(config.settings().get(NvmeHostSettings.NVME_QUEUE_DEPTH), inFlight));
        settings.set(NvmeHostSettings.NVME_QUEUE_DEPTH, depth);
    }

    @Override
    public Target open(Agent agent, BenchOp op) {
        return agent.attach(NvmeBackend.factory()).open(config.location());
    }

    @Override
    public void referenceRan(BenchOp op) {
        // No reference tool measures namespaces yet.
    }

    @Override
    public IdleStrategy idleStrategy() {
        return new BackoffIdleStrategy();
    }

    @Override
    public String location() {
        return config.location();
    }

    @Override
    public void close() {
        // Each row's namespace closes with its agent.
    }
}
