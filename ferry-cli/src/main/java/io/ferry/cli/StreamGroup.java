package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.poll.Component;
import io.ferry.poll.ErrorHandler;
import io.ferry.poll.PollGroup;

/**
 * The one poll group of {@code ferry send} / {@code ferry receive}, driven by the command's thread:
 * it starts the stream's component and turns a failure to start (an address in use) into the
 * command's error instead of a wait that never ends.
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

    PollGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.close();
    }
}
