package io.ferry.remote.s3;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so, on the test's thread. */
public final class ManualExecutor implements Executor {
    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        pending.add(task);
    }

    public synchronized int pending() {
        return pending.size();
    }

    /** Runs the tasks queued so far, in order. */
    public void runAll() {
        Runnable next;
        while ((next = take()) != null) {
            next.run();
        }
    }

    private synchronized Runnable take() {
        return pending.poll();
    }
}
