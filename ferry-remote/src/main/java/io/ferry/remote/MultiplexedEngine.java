package io.ferry.remote;

import io.ferry.FerryException;
import io.ferry.poll.Component;
import io.ferry.internal.BoundedMpscQueue;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.Reactor;
import io.ferry.remote.http.Tls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * All tasks over at most {@link RemoteSettings#REMOTE_MAX_CONNECTIONS} keep-alive connections,
 * driven by one passive duty cycle: each {@link #poll()} handles ready sockets, starts retries
 * whose back-off has passed and gives free connections new tasks. Polled by one thread at a time;
 * posts arrive from any thread through a bounded queue.
 */
final class MultiplexedEngine implements RemoteEngine, Component, HttpTask.TaskEvents {
    private static final int MAX_SOURCES_PER_POLL = 64;

    private final BoundedMpscQueue<TaskSource> incoming;
    private final ArrayDeque<TaskSource> sources = new ArrayDeque<>();
    /** Tasks to start before new ones: retries whose back-off passed, tasks that found no connection. */
    private final ArrayDeque<HttpTask> readyTasks = new ArrayDeque<>();
    private final List<HttpTask> backingOff = new ArrayList<>();
    private final Reactor reactor = new Reactor();
    private final ConnectionPool pool;
    private final Retries retries;
    private final int maxConnections;
    private final long timeoutNs;
    private final List<HttpTask> running = new ArrayList<>();

    MultiplexedEngine(int maxConnections, int maxSources, long timeoutNs, Tls tls, Retries retries) {
        this.incoming = new BoundedMpscQueue<>(maxSources);
        this.pool = new ConnectionPool(maxConnections, tls, reactor);
        this.maxConnections = maxConnections;
        this.timeoutNs = timeoutNs;
        this.retries = retries;
    }

    @Override
    public void submit(TaskSource source) {
        if (!incoming.offer(source)) {
            throw new IllegalStateException("more transfers in flight than admitted");
        }
        reactor.wakeup();
    }

    @Override
    public void awaitActivity(long timeoutNs) {
        if (incoming.hasNext() || !readyTasks.isEmpty()) {
            return;
        }
        long waitNs = timeoutNs;
        long now = System.nanoTime();
        for (HttpTask task : backingOff) {
            waitNs = Math.min(waitNs, Math.max(0, task.notBeforeNs() - now));
        }
        if (waitNs > 0) {
            reactor.poll(Math.max(1, waitNs / 1_000_000));
        }
    }

    @Override
    public List<Component> components() {
        return List.of(this);
    }

    @Override
    public String name() {
        return "remote-multiplexed";
    }

    /** The poll group lets go of the engine: every connection closes on the owning thread. */
    @Override
    public void onClose() {
        close();
    }

    @Override
    public int poll() {
        int work = incoming.drain(sources::add, MAX_SOURCES_PER_POLL);
        work += reactor.poll(0);
        long now = System.nanoTime();
        if (!backingOff.isEmpty()) {
            work += wakeRetries(now);
        }
        work += dispatch();
        pool.checkTimeouts(now, timeoutNs);
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).abortIfCancelled();
        }
        return work;
    }

    private int wakeRetries(long now) {
        int woken = 0;
        for (int i = backingOff.size() - 1; i >= 0; i--) {
            if (now - backingOff.get(i).notBeforeNs() >= 0) {
                readyTasks.add(backingOff.remove(i));
                woken++;
            }
        }
        return woken;
    }

    /**
     * Gives tasks to connections: first one per connection, then, with every connection busy, a
     * second ranged read pipelined behind the first where a connection allows it.
     */
    private int dispatch() {
        int started = 0;
        while (running.size() < 2 * maxConnections) {
            HttpTask task = readyTasks.isEmpty() ? nextFromSources() : readyTasks.poll();
            if (task == null) {
                break;
            }
            HttpConnection connection;
            try {
                connection = pool.acquire(task.endpoint(), running.size() >= maxConnections && task.pipelinable(),
                        task.needsNewConnection());
            } catch (FerryException e) {
                running.add(task);
                task.begin(this, null);
                task.onFailure(e);
                continue;
            }
            if (connection == null) {
                readyTasks.addFirst(task);
                break;
            }
            started++;
            running.add(task);
            task.begin(this, connection);
            connection.send(task);
        }
        return started;
    }
    private HttpTask nextFromSources() {
        while (!sources.isEmpty()) {
            TaskSource source = sources.peek();
            HttpTask task = source.nextTask();
            if (task != null) {
                return task;
            }
            if (!source.isDrained()) {
                // Waiting for its own tasks (a multipart upload between steps); let others go first.
                return nextFromOthers(source);
            }
            sources.poll();
        }
        return null;
    }

    private HttpTask nextFromOthers(TaskSource waiting) {
        for (TaskSource source : sources) {
            if (source != waiting) {
                HttpTask task = source.nextTask();
                if (task != null) {
                    return task;
                }
            }
        }
        return null;
    }

    @Override
    public void succeeded(HttpTask task) {
        running.remove(task);
        task.owner().taskDone(task);
    }

    @Override
    public void attemptFailed(HttpTask task, FerryException cause, int status) {
        running.remove(task);
        long delayNs = retries.delayBeforeRetryNs(task, cause, status);
        if (delayNs < 0) {
            task.owner().taskFailed(task, retries.finalFailure(task, cause, status));
        } else {
            task.delayUntil(System.nanoTime() + delayNs);
            backingOff.add(task);
        }
    }

    @Override
    public void close() {
        pool.close();
        reactor.close();
    }
}
