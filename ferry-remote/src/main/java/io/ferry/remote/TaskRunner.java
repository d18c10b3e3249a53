package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.NetLoop;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.poll.Waiter;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.Tls;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs tasks one at a time on the calling thread, a worker of the blocking engine, with a network
 * loop of its own. Keeps one connection alive between tasks; closing the runner closes it and the loop.
 *
 * <p>A platform thread waits in the loop. A virtual thread polls the loop and parks between polls
 * instead: a wait in epoll is a native call that pins its carrier, so a few waiting workers would
 * hold every carrier and starve the other virtual threads (more workers, a server in the same JVM).
 */
final class TaskRunner implements HttpTask.TaskEvents, AutoCloseable {
    /** The longest single wait: cancellation and interruption are looked at this often. */
    private static final long WAIT_SLICE_NS = 100_000_000L;
    /** A virtual thread's wait: parking unmounts it. Only the runner's own thread waits, so nothing wakes it. */
    private static final Waiter PARKING = new Waiter() {
        @Override
        public void await(long timeoutNs) {
            LockSupport.parkNanos(timeoutNs);
        }

        @Override
        public void wakeup() {
        }
    };

    private final NetLoop loop;
    private final Waiter waiter;
    private final IdleStrategy idle;
    private final ConnectionPool pool;
    private final Retries retries;
    private FerryException failure;
    private int failureStatus;
    private boolean ended;

    TaskRunner(String name, Tls tls, Retries retries, long timeoutNs) {
        this.loop = NetLoop.open(name);
        boolean virtual = Thread.currentThread().isVirtual();
        this.waiter = virtual ? PARKING : loop;
        this.idle = new BackoffIdleStrategy(BackoffIdleStrategy.DEFAULT_MAX_SPINS, BackoffIdleStrategy.DEFAULT_MAX_YIELDS,
                BackoffIdleStrategy.DEFAULT_MIN_PARK_NS, virtual ? BackoffIdleStrategy.DEFAULT_MAX_PARK_NS : WAIT_SLICE_NS);
        this.pool = new ConnectionPool(1, tls, loop, timeoutNs);
        this.retries = retries;
    }

    /** Runs the task to its end, retries included, and reports the outcome to its owner. */
    void run(HttpTask task) {
        while (true) {
            FerryException cause = attempt(task);
            if (cause == null) {
                task.owner().taskDone(task);
                return;
            }
            long delayNs = retries.delayBeforeRetryNs(task, cause, failureStatus);
            if (delayNs < 0) {
                task.owner().taskFailed(task, retries.finalFailure(task, cause, failureStatus));
                return;
            }
            if (!backOff(delayNs)) {
                task.owner().taskFailed(task, new FerryException(ErrorCode.INTERRUPTED, "interrupted while waiting to retry", cause));
                return;
            }
        }
    }

    /** Waits out a back-off in the loop (an idle connection's end is still noticed); false when interrupted. */
    private boolean backOff(long delayNs) {
        long deadline = System.nanoTime() + delayNs;
        for (long left = delayNs; left > 0; left = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            waiter.await(Math.min(left, WAIT_SLICE_NS));
            loop.poll();
        }
        return !Thread.currentThread().isInterrupted();
    }

    private FerryException attempt(HttpTask task) {
        failure = null;
        ended = false;
        try {
            HttpConnection connection = pool.acquire(task.endpoint(), false, task.needsNewConnection());
            task.begin(this, connection);
            connection.send(task);
        } catch (FerryException e) {
            task.begin(this, null);
            task.onFailure(e);
        }
        idle.reset();
        while (!ended) {
            idle.idle(loop.poll(), waiter);
            task.abortIfCancelled();
        }
        return failure;
    }

    @Override
    public void succeeded(HttpTask task) {
        ended = true;
    }

    @Override
    public void attemptFailed(HttpTask task, FerryException cause, int status) {
        failure = cause;
        failureStatus = status;
        ended = true;
    }

    @Override
    public void close() {
        pool.close();
        loop.close();
    }
}
