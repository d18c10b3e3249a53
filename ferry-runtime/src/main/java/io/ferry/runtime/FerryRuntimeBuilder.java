package io.ferry.runtime;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.ErrorHandler;
import io.ferry.poll.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Collects the choices of a {@link FerryRuntime}; each is validated when set. Not thread-safe.
 *
 * <table>
 *   <caption>Choices and defaults</caption>
 *   <tr><th>choice</th><th>default</th></tr>
 *   <tr><td>{@link #pollGroups(int)}</td><td>1</td></tr>
 *   <tr><td>{@link #idleStrategy(Supplier)}</td><td>{@link BackoffIdleStrategy#BackoffIdleStrategy()}, one per group</td></tr>
 *   <tr><td>{@link #threadNamePrefix(String)}</td><td>{@value #DEFAULT_THREAD_NAME_PREFIX}</td></tr>
 *   <tr><td>{@link #errorHandler(ErrorHandler)}</td><td>{@link ErrorHandler#logging()}</td></tr>
 * </table>
 */
public final class FerryRuntimeBuilder {
    /** Threads are named {@code <prefix>-<index>}; this is the default prefix. */
    public static final String DEFAULT_THREAD_NAME_PREFIX = "ferry-poll";

    private int pollGroups = 1;
    private Supplier<? extends IdleStrategy> idleStrategy = BackoffIdleStrategy::new;
    private String threadNamePrefix = DEFAULT_THREAD_NAME_PREFIX;
    private ErrorHandler errorHandler = ErrorHandler.logging();

    FerryRuntimeBuilder() {
    }

    /**
     * The number of poll groups, one thread each.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} when below 1
     */
    public FerryRuntimeBuilder pollGroups(int count) {
        if (count < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a runtime needs at least 1 poll group: " + count);
        }
        this.pollGroups = count;
        return this;
    }

    /** Makes the idle strategy of each poll group; called once per group, so it must return a new instance each time. */
    public FerryRuntimeBuilder idleStrategy(Supplier<? extends IdleStrategy> factory) {
        this.idleStrategy = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /**
     * The prefix of the thread names: group {@code i} runs on {@code <prefix>-<i>}.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} when blank
     */
    public FerryRuntimeBuilder threadNamePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the thread name prefix must not be blank");
        }
        this.threadNamePrefix = prefix;
        return this;
    }

    /** Receives what components throw or report, on the thread of the failing group; shared by all groups. */
    public FerryRuntimeBuilder errorHandler(ErrorHandler handler) {
        this.errorHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Builds the runtime and starts its poll groups. */
    public FerryRuntime build() {
        return new FerryRuntime(pollGroups, threadNamePrefix, idleStrategy, errorHandler);
    }
}
