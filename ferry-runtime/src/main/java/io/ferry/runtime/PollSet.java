package io.ferry.runtime;

import io.ferry.Pollable;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pollables owned by one poll group, in the order they were added: polls each once per cycle
 * and turns what they throw into a count and a call to the error handler.
 *
 * <p>Threads: everything but {@link #errorCount()} belongs to the group's thread; the count is
 * written by that thread alone and may be read from any thread.
 */
final class PollSet {
    private static final System.Logger LOGGER = System.getLogger(PollGroup.class.getName());

    private final String groupName;
    private final ErrorHandler errorHandler;
    private final AtomicLong errorCount = new AtomicLong();
    private Pollable[] owned = new Pollable[4];
    private int ownedCount;

    PollSet(String groupName, ErrorHandler errorHandler) {
        this.groupName = groupName;
        this.errorHandler = errorHandler;
    }

    /** Adds a pollable unless it is already owned. */
    void add(Pollable pollable) {
        if (indexOf(pollable) >= 0) {
            return;
        }
        if (ownedCount == owned.length) {
            owned = Arrays.copyOf(owned, owned.length * 2);
        }
        owned[ownedCount++] = pollable;
    }

    /** Removes a pollable if it is owned. */
    void remove(Pollable pollable) {
        int index = indexOf(pollable);
        if (index >= 0) {
            System.arraycopy(owned, index + 1, owned, index, ownedCount - index - 1);
            owned[--ownedCount] = null;
        }
    }

    private int indexOf(Pollable pollable) {
        for (int i = 0; i < ownedCount; i++) {
            if (owned[i] == pollable) {
                return i;
            }
        }
        return -1;
    }

    /** Polls every pollable once; returns the work they reported. */
    int pollAll() {
        int work = 0;
        for (int i = 0; i < ownedCount; i++) {
            try {
                work += owned[i].poll();
            } catch (Throwable error) {
                report(error);
            }
        }
        return work;
    }

    private void report(Throwable error) {
        errorCount.setRelease(errorCount.getPlain() + 1);
        try {
            errorHandler.onError(error);
        } catch (Throwable handlerFailure) {
            if (handlerFailure != error) {
                handlerFailure.addSuppressed(error);
            }
            LOGGER.log(System.Logger.Level.ERROR, "the error handler of poll group " + groupName + " failed",
                    handlerFailure);
        }
    }

    /** Errors thrown by pollables so far. Any thread. */
    long errorCount() {
        return errorCount.getAcquire();
    }
}
