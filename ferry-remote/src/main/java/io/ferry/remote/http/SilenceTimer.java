package io.ferry.remote.http;

import io.ferry.net.NetLoop;
import io.ferry.net.Timer;

/**
 * The server's silence on an {@link HttpConnection}, timed with one timer of the connection's loop:
 * an exchange waits at most the timeout between the server's bytes, a held body at most the timeout
 * in all. Bytes that arrive only move the last activity forward, they do not re-arm the timer; when
 * it fires early, the connection's check finds the timeout not run out and the timer is scheduled
 * again for when it could be.
 *
 * <p>Threads: the thread of the connection's {@link NetLoop}, like every callback; owned by its
 * connection.
 */
final class SilenceTimer {
    private final NetLoop loop;
    private final long timeoutNs;
    private final Timer timer;
    private long lastActivityNs;
    private long heldSinceNs;

    /** @param check runs when the timer is due: it asks {@link #silentTooLong} or {@link #heldTooLong} */
    SilenceTimer(NetLoop loop, long timeoutNs, Runnable check) {
        this.loop = loop;
        this.timeoutNs = timeoutNs;
        this.timer = loop.timer(check);
    }

    long timeoutNs() {
        return timeoutNs;
    }

    /** The server was heard from (bytes arrived, or the connection is up): its silence starts again. */
    void heard() {
        lastActivityNs = loop.nowNs();
    }

    /** An exchange waits for the server from now on (its request went out, or a held body goes on). */
    void awaitServer() {
        lastActivityNs = loop.nowNs();
        timer.schedule(lastActivityNs + timeoutNs);
    }

    /** The connection holds a body from now on, for the timeout at most. */
    void hold() {
        heldSinceNs = loop.nowNs();
        timer.schedule(heldSinceNs + timeoutNs);
    }

    /** When the connection began to hold a body, on the loop's clock. */
    long heldSinceNs() {
        return heldSinceNs;
    }

    /** True when the server was silent for the whole timeout; else the timer looks again when it could be. */
    boolean silentTooLong() {
        long silentNs = loop.nowNs() - lastActivityNs;
        if (silentNs < timeoutNs) {
            timer.schedule(lastActivityNs + timeoutNs);
            return false;
        }
        return true;
    }

    /** True when a body was held for the whole timeout; else the timer looks again when it could be. */
    boolean heldTooLong() {
        if (loop.nowNs() - heldSinceNs >= timeoutNs) {
            return true;
        }
        timer.schedule(heldSinceNs + timeoutNs);
        return false;
    }

    /** Nothing waits for the server any more: the connection is idle or closed. */
    void cancel() {
        timer.cancel();
    }
}
