package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.Reactor;
import io.ferry.remote.http.Tls;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs tasks one at a time on the calling thread, waiting for the socket: a worker of the blocking
 * engine, or the control thread that opens an object. Keeps one connection alive between tasks.
 */
final class TaskRunner implements HttpTask.TaskEvents, AutoCloseable {
    private static final long WAIT_SLICE_MS = 100;

    private final Reactor reactor = new Reactor();
    private final ConnectionPool pool;
    private final Retries retries;
    private final long timeoutNs;
    private HttpTask current;
    private FerryException failure;
    private int failureStatus;
    private boolean ended;

    TaskRunner(Tls tls, Retries retries, long timeoutNs) {
        this.pool = new ConnectionPool(1, tls, reactor);
        this.retries = retries;
        this.timeoutNs = timeoutNs;
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
            LockSupport.parkNanos(delayNs);
            if (Thread.currentThread().isInterrupted()) {
                task.owner().taskFailed(task, new FerryException(ErrorCode.INTERRUPTED, "interrupted while waiting to retry", cause));
                return;
            }
        }
    }

    private FerryException attempt(HttpTask task) {
        current = task;
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
        while (!ended) {
            reactor.poll(WAIT_SLICE_MS);
            pool.checkTimeouts(System.nanoTime(), timeoutNs);
            task.abortIfCancelled();
        }
        current = null;
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
        reactor.close();
    }
}
