package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.settings.Settings;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The remote backend's target: one object, read only. Each row attaches a remote backend of its
 * own, so every row starts without open connections, and opens the object there (one HEAD
 * request, outside any timing). The blocking engine runs on virtual threads of an executor that
 * lives as long as the run; the multiplexed engine is polled by whoever drives the row's agent.
 */
final class RemoteBenchTarget implements BenchTarget {
    private final String location;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private RemoteBackend attached;

    private RemoteBenchTarget(String location) {
        this.location = location;
    }

    static RemoteBenchTarget open(BenchConfig config) {
        return new RemoteBenchTarget(config.location());
    }

    /**
     * The config with the size of the region its rows read: the object's size when none was
     * given, else the given one, which must fit in the object. Asks the server for the size.
     *
     * @throws FerryException with {@link ErrorCode#OUT_OF_RANGE} when the size exceeds the object
     *         or the object is empty, and the backend's failure when the object cannot be opened
     */
    static BenchConfig resolve(BenchConfig config) {
        long objectBytes;
        String described;
        try (RemoteBenchTarget target = open(config); Agent agent = Agent.create(config.settings())) {
            RemoteObject object = target.open(agent);
            objectBytes = object.size();
            described = object.describe();
        }
        if (objectBytes == 0) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, described + " is empty: there is nothing to read");
        }
        return config.sizedTo(objectBytes, described);
    }

    @Override
    public void prepareFor(BenchOp op) {
        // The object is read as it is.
    }

    @Override
    public void configure(Settings.Builder settings, RowSpec row) {
        // Engine, connections and task size come with the config's settings.
    }

    @Override
    public Target open(Agent agent, BenchOp op) {
        return open(agent);
    }

    private RemoteObject open(Agent agent) {
        attached = agent.attach(RemoteBackend.factory().workers(workers).credentialsRefresh(workers));
        return attached.open(location);
    }

    @Override
    public void referenceRan(BenchOp op) {
        // Reference tools only read the object too.
    }

    @Override
    public IdleStrategy idleStrategy() {
        return new BackoffIdleStrategy();
    }

    @Override
    public String location() {
        return location;
    }

    /** Waits for the worker threads of the blocking engine, which end with the rows' agents. */
    @Override
    public void close() {
        workers.close();
    }
}
