package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Target;
import io.ferry.poll.IdleStrategy;
import io.ferry.settings.Settings;
import io.ferry.spi.RegisteredIo;

/**
 * What the rows of one run read and write, on the backend the config names: the file of
 * {@link FileBenchTarget} or the object of {@link RemoteBenchTarget}. Opened once per run, before
 * the first row, and closed after the last; each row attaches the backend to an agent of its own
 * and opens the target there. Used on the benchmark thread only.
 */
interface BenchTarget extends AutoCloseable {
    /** The target of the config's backend; the config's size is already {@linkplain BenchRunner#resolve resolved}. */
    static BenchTarget open(BenchConfig config) {
        return config.isRemote() ? RemoteBenchTarget.open(config) : config.isNvme() ? NvmeBenchTarget.open(config)
                : FileBenchTarget.open(config);
    }

    /** Readies the target for a row of {@code op}, outside any timing. */
    void prepareFor(BenchOp op);

    /** Adds what the backend needs to the settings of a row's agent. */
    void configure(Settings.Builder settings, RowSpec row);

    /** Attaches the backend to the row's agent and opens the target for {@code op}. */
    Target open(Agent agent, BenchOp op);

    /**
     * How the benchmark thread waits when a poll of the row opened last found nothing to do: a
     * local file spins, for the lowest latency; a remote object backs off into the agent's waiter
     * (its network loop), leaving the CPU to the server and the network stack, which on a small
     * machine share it with the benchmark.
     */
    IdleStrategy idleStrategy();

    /**
     * How the I/Os of the row opened last used registered buffers and files so far (cumulative:
     * take the difference of two reads), or null when its engine registers nothing (io_uring
     * does; psync, libaio and the remote backend do not). Read on the benchmark thread after the
     * transfers concerned completed.
     */
    default RegisteredIo registeredIo() {
        return null;
    }

    /** A reference tool ran a row of {@code op} on the target, after Ferry. */
    void referenceRan(BenchOp op);

    /** The path or URL that reference tools use: the same bytes Ferry's rows moved. */
    String location();

    @Override
    void close();
}
