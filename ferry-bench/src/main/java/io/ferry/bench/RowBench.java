package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Target;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;
import io.ferry.spi.RegisteredIo;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the sweep: an agent of its own with the target's backend, the target opened for the
 * row's operation, and one buffer and one prepared transfer per in-flight slot (two for a row that
 * mixes reads and writes; each prepare timed), moved along the {@link Workload} before each post. Then the warm-up phase, whose timings
 * are dropped, the measured phase (with the process's CPU time read around it), and the optional
 * verification. Closing the agent releases the transfers and the target.
 */
final class RowBench {
    private final BenchConfig config;
    private final BenchTarget target;
    private final RowSpec row;
    private final long blockSizeBytes;
    private final int batchSize;
    private final SweepProgress progress;

    RowBench(BenchConfig config, BenchTarget target, RowSpec row, SweepProgress progress) {
        this.config = config;
        this.target = target;
        this.row = row;
        this.blockSizeBytes = row.blockSizeBytes();
        this.batchSize = row.batchSize();
        this.progress = progress;
    }

    BenchResult run() {
        int ioDepth = config.ioDepth();
        Workload workload = row.op().isRandom()
                ? new RandomWorkload(config.fileSizeBytes(), blockSizeBytes, batchSize, ioDepth)
                : new SequentialWorkload(config.fileSizeBytes(), blockSizeBytes, batchSize, ioDepth);
        try (Arena arena = Arena.ofShared();
             PollThreads threads = PollThreads.start(config.threads());
             Agent agent = threads.newAgent(rowSettings())) {
            Target opened = target.open(agent, row.op());
            SlotBuffers buffers = new SlotBuffers(arena, ioDepth, batchSize, blockSizeBytes);
            agent.register(buffers.memory());
            for (int slot = 0; slot < ioDepth; slot++) {
                buffers.stamp(slot, slot, workload);
            }
            LatencyStats prepStats = new LatencyStats();
            // A mixed row prepares a read and a write transfer per slot, over the same buffers.
            Transfer[] reads = row.op().reads() ? prepareSlots(agent, TransferOp.READ, opened, workload, buffers, prepStats) : null;
            Transfer[] writes = row.op().writes() ? prepareSlots(agent, TransferOp.WRITE, opened, workload, buffers, prepStats) : null;
            double cpuSeconds;
            TransferPump pump = new TransferPump(agent, target.idleStrategy(), new TransferPump.Mix(reads, writes,
                    readPercent()), ioDepth, buffers, workload, config.verify(), progress);
            if (config.warmupNs() > 0) {
                pump.run(config.warmupNs(), 0);
                pump.resetStats();
            }
            RegisteredIo registeredBefore = target.registeredIo();
            long cpuStartNs = CpuCost.processCpuNs();
            if (config.numberIos() > 0) {
                pump.run(BenchConfig.MAX_PHASE_NS, config.numberIos());
            } else {
                pump.run(config.runtimeNs(), 0);
            }
            cpuSeconds = CpuCost.secondsBetween(cpuStartNs, CpuCost.processCpuNs());
            RegisteredIo registeredAfter = target.registeredIo();
            RegisteredIo registered = registeredAfter == null ? null : registeredAfter.since(registeredBefore);
            if (config.verify()) {
                Verifier.verify(agent, opened, workload.regionBytes(), arena);
            }
            return result(pump, prepStats, buffers.spanBytes(), cpuSeconds, registered);
        }
    }

    /**
     * The base settings with room for {@code ioDepth} transfers in flight (a larger base value is
     * kept), and what the target's backend adds.
     */
    private Settings rowSettings() {
        Settings base = config.settings();
        int transfersInFlight = Math.max(base.get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT), config.ioDepth());
        Settings.Builder settings = base.toBuilder().set(CoreSettings.MAX_TRANSFERS_IN_FLIGHT, transfersInFlight);
        target.configure(settings, row);
        return settings.build();
    }

    /** The share of transfers that read: the config's mix for a mixed row, else all or none. */
    private int readPercent() {
        return row.op().isMixed() ? config.rwMixRead() : row.op().reads() ? 100 : 0;
    }

    /** One transfer of {@code op} per in-flight slot, at the slot's first position; each prepare is timed. */
    private Transfer[] prepareSlots(Agent agent, TransferOp op, Target opened, Workload workload, SlotBuffers buffers,
                                    LatencyStats prepStats) {
        Transfer[] transfers = new Transfer[config.ioDepth()];
        for (int slot = 0; slot < transfers.length; slot++) {
            List<Descriptor> descriptors = new ArrayList<>(batchSize);
            for (int d = 0; d < batchSize; d++) {
                descriptors.add(Descriptor.of(buffers.block(slot, d), opened, workload.offsetBytes(slot, d)));
            }
            long startNs = System.nanoTime();
            transfers[slot] = agent.prepare(op, descriptors);
            prepStats.recordNs(System.nanoTime() - startNs);
        }
        return transfers;
    }

    private BenchResult result(TransferPump pump, LatencyStats prepStats, long spanBytes, double cpuSeconds,
                               RegisteredIo registered) {
        long transfers = pump.completedTransfers();
        return new BenchResult(row.op(), config.engine(), config.direct(), blockSizeBytes, batchSize,
                config.ioDepth(), config.threads(), transfers * spanBytes, pump.elapsedNs() / 1e9, transfers,
                // Each transfer's Lat is its Post plus its Tx (the same timestamps), so the means add up.
                pump.postStats().meanUs() + pump.txStats().meanUs(), LatencyPercentiles.of(pump.latStats()),
                prepStats.meanUs(), prepStats.p99Us(),
                pump.postStats().meanUs(), pump.postStats().p99Us(),
                pump.txStats().meanUs(), pump.txStats().p99Us(), cpuSeconds, registered);
    }
}
