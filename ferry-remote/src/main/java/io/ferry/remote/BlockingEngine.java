package io.ferry.remote;

import io.ferry.poll.Component;
import io.ferry.remote.http.Tls;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One blocking request per task on worker threads that the application supplies (virtual threads
 * suit it): at most {@link RemoteSettings#REMOTE_MAX_CONNECTIONS} workers, each with its own
 * connection. Workers end when no task is left and start again with the next post.
 */
final class BlockingEngine implements RemoteEngine {
    private final Executor workers;
    private final int maxWorkers;
    private final Tls tls;
    private final Retries retries;
    private final long timeoutNs;
    private final ArrayDeque<TaskSource> sources = new ArrayDeque<>();
    private int running;

    BlockingEngine(Executor workers, int maxWorkers, long timeoutNs, Tls tls, Retries retries) {
        this.workers = workers;
        this.maxWorkers = maxWorkers;
        this.timeoutNs = timeoutNs;
        this.tls = tls;
        this.retries = retries;
    }

    @Override
    public void submit(TaskSource source) {
        int start;
        synchronized (this) {
            sources.add(source);
            start = maxWorkers - running;
            running = maxWorkers;
        }
        for (int i = 0; i < start; i++) {
            workers.execute(this::work);
        }
    }

    private void work() {
        try (TaskRunner runner = new TaskRunner("remote-worker", tls, retries, timeoutNs)) {
            for (HttpTask task; (task = nextTask()) != null; ) {
                runner.run(task);
            }
        }
    }

    /** The next task, or null after the worker counted itself out. */
    private synchronized HttpTask nextTask() {
        while (!sources.isEmpty()) {
            for (TaskSource source : sources) {
                HttpTask task = source.nextTask();
                if (task != null) {
                    return task;
                }
            }
            sources.removeIf(TaskSource::isDrained);
            if (!sources.isEmpty()) {
                // Sources that wait for their own tasks in flight (a multipart upload between steps).
                try {
                    wait(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        running--;
        return null;
    }

    @Override
    public List<Component> components() {
        return List.of();
    }

    @Override
    public void close() {
        // Workers close their own connections when they run out of tasks.
    }
}
