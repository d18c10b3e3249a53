package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileSettings;
import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;

/**
 * Linux io_uring through FFM: one ring per queue, reads and writes as IORING_OP_READ/WRITE entries,
 * batched into one io_uring_enter per submit, completions reaped from the mapped ring without a
 * system call. Supported from Linux 5.6, unless disabled by sysctl or refused by seccomp.
 *
 * <p>Files the backend opens are registered in a sparse table of each ring (IOSQE_FIXED_FILE), and
 * memory registered with the agent in a sparse buffer table (Linux 5.19), whose I/O is then issued as
 * READ_FIXED/WRITE_FIXED. Both are optimizations: whatever is not registered (table full, kernel
 * limits or refusal) is used as plain descriptors and memory. See docs/design/io-uring-registration.md.
 * Reads of buffered files are first tried from the page cache by the {@link CachedReadsQueue} in front
 * of the ring.
 */
public final class IoUringEngine implements IoEngine {
    /** The engine's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "io_uring";

    /** Creates the engine; it holds no state, so one instance can open the queues of every backend. */
    public IoUringEngine() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Linux io_uring: batched submission, completions reaped from shared memory";
    }

    @Override
    public EngineSupport support() {
        return IoUringProbe.support();
    }

    @Override
    public IoQueue open(int depth, Settings settings) {
        EngineSupport support = support();
        if (!support.supported()) {
            throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED, NAME + " is not supported here: " + support.reason());
        }
        return new CachedReadsQueue(new IoUringQueue(depth, settings.get(FileSettings.IO_URING_SQPOLL).equals("on")));
    }
}
