package io.ferry.spi;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a backend's target is open, and how many posts use it, so that it is never closed under
 * a transfer in flight (the promise of {@link io.ferry.Target#close()}). Thread-safe: posts start
 * and end on the backend's threads, a close comes from the application's.
 */
public final class TargetUse {
    private final AtomicInteger postsInFlight = new AtomicInteger();
    private volatile boolean open = true;

    /** An open target that no post uses yet. */
    public TargetUse() {
    }

    /** Whether the target is open: true until the first {@link #close(String)}. */
    public boolean isOpen() {
        return open;
    }

    /** A post that uses the target started. */
    public void postStarted() {
        postsInFlight.incrementAndGet();
    }

    /** A post that used the target ended. */
    public void postEnded() {
        postsInFlight.decrementAndGet();
    }

    /**
     * Marks the target closed; true the first time, false when it was closed already.
     *
     * @param described the target in the message, such as {@code object https://host/x}
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} while a post that uses it is in flight
     */
    public boolean close(String described) {
        if (postsInFlight.get() > 0) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, described + " is used by a transfer in flight");
        }
        boolean wasOpen = open;
        open = false;
        return wasOpen;
    }
}
