package io.ferry.nvmf.host;

import java.util.concurrent.TimeUnit;

/**
 * The bounded reconnection of a controller whose connection was lost: when the loss started, why,
 * how many attempts were made and the back-off before the next (10 ms doubling to 1 s, never past
 * the bound, {@link NvmeHostSettings#NVME_RECONNECT_TIMEOUT}). Time is the engine loop's. Owned by
 * the engine's thread.
 */
final class Recovery {
    private static final long FIRST_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_DELAY_NS = TimeUnit.SECONDS.toNanos(1);

    private final long timeoutNs;
    private boolean active;
    private long deadlineNs;
    private int attempts;
    private String lost;
    private String last;

    Recovery(long timeoutNs) {
        this.timeoutNs = timeoutNs;
    }

    /** Whether a lost connection is retried at all. */
    boolean isEnabled() {
        return timeoutNs > 0;
    }

    /** Whether the controller is between a loss and its restoration. */
    boolean isActive() {
        return active;
    }

    /**
     * The connection was lost, or an attempt to restore it failed, at {@code nowNs}: the delay
     * before the next attempt, or -1 when the bound has passed.
     */
    long failed(String reason, long nowNs) {
        if (!active) {
            active = true;
            deadlineNs = nowNs + timeoutNs;
            attempts = 0;
            lost = reason;
        }
        last = reason;
        long left = deadlineNs - nowNs;
        if (left <= 0) {
            return -1;
        }
        return Math.min(left, Math.min(MAX_DELAY_NS, FIRST_DELAY_NS << Math.min(attempts, 7)));
    }

    /** An attempt starts at {@code nowNs}: the time it may take (at least 1 ns). */
    long attemptStarted(long nowNs) {
        attempts++;
        return Math.max(1, deadlineNs - nowNs);
    }

    /** Attempts since the loss. */
    int attempts() {
        return attempts;
    }

    /** The connection works again. */
    void restored() {
        active = false;
    }

    /** Why the controller gives up: the first cause, the bound and the last attempt's failure. */
    String givingUp() {
        String because = "connection lost (" + lost + ") and not restored within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms (NVME_RECONNECT_TIMEOUT), " + attempts + " attempts";
        return last.equals(lost) ? because : because + ", the last: " + last;
    }
}
