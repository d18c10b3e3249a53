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
 * <p>Files are passed by descriptor, not registered: the SPI does not tell a queue when the backend
 * closes a file, and a registered table keeps the old file alive under a descriptor number the
 * kernel may hand to the next open. Fixed buffers wait for the SPI to pass Agent registrations.
 */
public final class IoUringEngine implements IoEngine {
    public static final String NAME = "io_uring";

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
        return new IoUringQueue(depth, settings.get(FileSettings.IO_URING_SQPOLL).equals("on"));
    }
}
