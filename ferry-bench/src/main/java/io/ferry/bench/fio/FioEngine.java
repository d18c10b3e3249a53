package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Arrays;
import java.util.Locale;

/**
 * The fio {@code ioengine} that issues I/Os with the same system calls as a Ferry file engine of
 * the same name. Only engines with such a twin can be compared; {@link #of(String)} refuses the
 * others.
 */
public enum FioEngine {
    /** Positional {@code pread}/{@code pwrite}, one at a time on the calling thread. */
    PSYNC(false),
    /** io_uring submission and completion rings. */
    IO_URING(true),
    /** Linux native AIO: {@code io_submit} and {@code io_getevents}. */
    LIBAIO(true);

    private final boolean asynchronous;

    FioEngine(boolean asynchronous) {
        this.asynchronous = asynchronous;
    }

    /**
     * The fio twin of the Ferry engine named {@code ferryEngine}.
     *
     * @throws FerryException with {@link ErrorCode#ENGINE_UNSUPPORTED} when fio has no engine that
     *         issues I/O the same way, naming the engines that can be compared
     */
    public static FioEngine of(String ferryEngine) {
        for (FioEngine engine : values()) {
            if (engine.engineName().equals(ferryEngine)) {
                return engine;
            }
        }
        throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED, "fio has no engine equivalent to Ferry's '"
                + ferryEngine + "'; a comparison with fio needs one of the engines "
                + String.join(", ", Arrays.stream(values()).map(FioEngine::engineName).toList()));
    }

    /** The name, the same in Ferry ({@code FILE_ENGINE}) and in fio ({@code --ioengine}). */
    public String engineName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the engine keeps several I/Os in flight from one thread, so that fio's
     * {@code iodepth_batch_submit} means something; fio caps a synchronous engine's depth at 1.
     */
    public boolean isAsynchronous() {
        return asynchronous;
    }
}
