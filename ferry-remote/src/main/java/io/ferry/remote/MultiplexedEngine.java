package io.ferry.remote;

import io.ferry.FerryException;
import io.ferry.internal.BoundedMpscQueue;
import io.ferry.net.NetLoop;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.Tls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * All tasks over at most {@link RemoteSettings#REMOTE_MAX_CONNECTIONS} keep-alive connections on
 * the network loop of its poll group ({@code NetLoop.of(group)}), which handles their sockets,
 * timeouts and retry back-offs: each {@link #poll()} takes new posts and gives free connections
 * tasks (retries whose back-off passed first). Posts arrive from any thread through a bounded queue
 * and wake the group, whose one place to wait is that loop.
 */
final class MultiplexedEngine implements RemoteEngine, Component, HttpTask.TaskEvents {
    private static final int MAX_SOURCES_PER_POLL = 64;

    private final BoundedMpscQueue<TaskSource> incoming;
    private final ArrayDeque<TaskSource> sources = new ArrayDeque<>();
    /** Tasks to start before new ones: retries whose back-off passed, tasks that found no connection. */
    private final ArrayDeque<HttpTask> readyTasks = new ArrayDeque<>();
    /** Made once, as a method reference written in poll() would be a new object every cycle. */
    private final Consumer<TaskSource> takeSource = sources::add;
    /** Made once: the action of every retry's back-off timer. */
    private final Consumer<HttpTask> retryDue = readyTasks::add;
    private final Retries retries;
    private final Tls tls;
    private final int maxConnections;
    private final long timeoutNs;
    private final List<HttpTask> running = new ArrayList<>();
    private final HeldResponses held;
    /** Set once started: the group a post wakes. */
    private volatile PollGroup group;
    private NetLoop loop;
    private ConnectionPool pool;

    /** @param window how far a read of an object read in sequence asks ahead ({@link HeldResponses}) */
    MultiplexedEngine(int maxConnections, int maxSources, long timeoutNs, long window, Tls tls, Retries retries) {
        this.incoming = new BoundedMpscQueue<>(maxSources);
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.timeoutNs = timeoutNs;
        this.retries = retries;
        this.held = new HeldResponses(window, 4 * maxConnections);
    }

    /** The connections live on the group's network loop, which is also where the group waits. */
    @Override
    public void onStart(PollGroup owner) {
        loop = NetLoop.of(owner);
        pool = new ConnectionPool(maxConnections, tls, loop, timeoutNs);
        group = owner;
    }

    /** Any thread. Before the engine started, the group polls it as soon as it does: nothing to wake. */
    @Override
    public void submit(TaskSource source) {
        if (!incoming.offer(source)) {
            throw new IllegalStateException("more transfers in flight than admitted");
        }
        PollGroup owner = group;
        if (owner != null) {
            owner.wakeup();
        }
    }

    @Override
    public boolean continuesResponses() {
        return true;
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
        int work = incoming.drain(takeSource, MAX_SOURCES_PER_POLL);
        work += dispatch();
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).abortIfCancelled();
        }
        for (RangeRead read : held.releaseAbandoned()) {
            if (read.owner().isCancelled()) {
                read.owner().taskFailed(read, RemotePlan.cancelled());
            } else {
                readyTasks.add(read);
            }
        }
        return work;
    }

    /**
     * Gives tasks to connections: a read that continues a held response its connection, then one
     * task per connection, then, with every connection busy, a second ranged read pipelined behind
     * the first where a connection allows it. A read that continues a response still being read
     * waits for it.
     */
    private int dispatch() {
        int started = 0;
        while (running.size() < 2 * maxConnections) {
            HttpTask task = readyTasks.isEmpty() ? nextFromSources() : readyTasks.poll();
            if (task == null) {
                break;
            }
            if (task instanceof RangeRead read) {
                if (held.queueBehind(read)) {
                    started++;
                    continue;
                }
                HttpConnection holding = held.take(read);
                if (holding != null) {
                    started++;
                    continueOn(read, holding);
                    continue;
                }
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
            if (task instanceof RangeRead read) {
                held.started(read);
            }
            connection.send(task);
        }
        return started;
    }

    private void continueOn(RangeRead read, HttpConnection holding) {
        running.add(read);
        held.started(read);
        read.continueOn(this, holding);
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
        if (task instanceof RangeRead read) {
            HttpConnection holding = task.heldConnection();
            RangeRead next = held.ended(read, holding);
            if (next != null && holding != null) {
                continueOn(next, holding);
            } else if (next != null) {
                readyTasks.add(next);
            }
        }
        task.owner().taskDone(task);
    }

    @Override
    public void attemptFailed(HttpTask task, FerryException cause, int status) {
        running.remove(task);
        long delayNs = retries.delayBeforeRetryNs(task, cause, status);
        if (task instanceof RangeRead read && delayNs < 0) {
            RangeRead next = held.ended(read, null); // a read retried keeps the one queued behind it
            if (next != null) {
                readyTasks.add(next);
            }
        }
        if (delayNs < 0) {
            task.owner().taskFailed(task, retries.finalFailure(task, cause, status));
        } else {
            task.retryAfter(loop, delayNs, retryDue);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
