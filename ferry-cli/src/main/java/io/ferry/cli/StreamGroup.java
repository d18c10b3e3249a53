package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.poll.Component;
import io.ferry.poll.ErrorHandler;
import io.ferry.poll.PollGroup;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one poll group of {@code ferry send} / {@code ferry receive}, driven by the command's thread:
 * it starts the stream's component and turns a failure to start (an address in use) into the
 * command's error instead of a wait that never ends. A signal ({@link StopOnSignal}) cancels the stream
 * on this thread, which then lets the stream end as after any failure and leaves the exit to the hook.
 */
final class StreamGroup implements AutoCloseable {
    private final PollGroup group;
    private final ErrorHandler log = ErrorHandler.logging();
    private Throwable firstError;
    private boolean starting;

    StreamGroup(String name) {
        group = new PollGroup(name, PollGroup.DEFAULT_INBOX_CAPACITY, this::onError);
    }

    /** An error while starting is the command's to report; later ones (a timer, a callback) are logged. */
    private void onError(Throwable error) {
        if (starting && firstError == null) {
            firstError = error;
        } else {
            log.onError(error);
        }
    }

    /** Starts {@code component} now, or throws why it could not start. */
    void start(Component component) {
        starting = true;
        group.addNow(component);
        starting = false;
        if (!group.contains(component)) {
            throw firstError instanceof FerryException f ? f
                    : new FerryException(ErrorCode.IO_ERROR, component.name() + " did not start: " + firstError, firstError);
        }
    }

    /** What a signal stops: the hook wakes this group, whose thread then cancels the stream; {@code outcome} says what became of it. */
    StopOnSignal.Stoppable stoppable(Supplier<String> outcome) {
        return new StopOnSignal.Stoppable() {
            @Override
            public void cancel() {
                group.wakeup();
            }

            @Override
            public String outcome() {
                return outcome.get();
            }

            @Override
            public String unfinished(Duration grace) {
                return "the stream did not stop within " + grace.toSeconds() + " s";
            }
        };
    }

    /**
     * Drives the group until {@code done}, calling {@code tick} for a progress bar; once {@code signal} is
     * stopping, {@code cancel} runs (once) and the stream is driven on until it is done too.
     */
    void runUntil(BooleanSupplier done, StopOnSignal signal, Runnable cancel, Runnable tick) {
        boolean[] cancelled = {false};
        GroupDriver.runUntil(group, () -> {
            if (signal.isStopping() && !cancelled[0]) {
                cancelled[0] = true;
                cancel.run();
            }
            return done.getAsBoolean();
        }, tick);
    }

    /** When a signal stopped the stream: closes the group (every connection), lets the hook report and never returns. */
    void exitIfStopped(StopOnSignal signal) {
        if (signal.isStopping()) {
            close();
            signal.ended();
            signal.awaitExit();
        }
    }

    PollGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.close();
    }
}
