package io.ferry.poll;

import java.util.concurrent.locks.LockSupport;

/**
 * The waiter of a poll group without a network loop: parks the owning thread, unparked by
 * {@link #wakeup()}. As every waiter, a wait returns at once when woken since the last one returned.
 */
final class ParkingWaiter implements Waiter {
    private volatile Thread waitingThread;
    private volatile boolean signalled;

    @Override
    public void await(long timeoutNs) {
        if (timeoutNs <= 0) {
            return;
        }
        waitingThread = Thread.currentThread();
        if (!signalled) {
            LockSupport.parkNanos(this, timeoutNs);
        }
        waitingThread = null;
        signalled = false;
    }

    @Override
    public void wakeup() {
        signalled = true;
        Thread waiting = waitingThread;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }
}
