package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileSettings;
import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;

/**
 * Linux native AIO (io_setup, io_submit, io_getevents, io_destroy) through direct system calls;
 * libaio itself is not needed. Each queue is one kernel AIO context of {@code depth} events, which
 * counts against the system-wide {@code fs.aio-max-nr}. Like fio's libaio engine, it is
 * asynchronous only for files opened with O_DIRECT; on buffered files the kernel usually completes
 * the operation inside io_submit.
 */
public final class LibaioEngine implements IoEngine {
    /** The engine's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "libaio";

    /** Creates the engine; it holds no state, so one instance can open the queues of every backend. */
    public LibaioEngine() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Linux native AIO (io_submit/io_getevents), asynchronous with O_DIRECT";
    }

    @Override
    public EngineSupport support() {
        return LibaioProbe.support();
    }

    @Override
    public IoQueue open(int depth, Settings settings) {
        EngineSupport support = support();
        if (!support.supported()) {
            throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED,
                    "engine '" + NAME + "' is not supported here: " + support.reason());
        }
        return new LibaioQueue(depth, settings.get(FileSettings.AIO_EVENTS_BATCH));
    }
}
