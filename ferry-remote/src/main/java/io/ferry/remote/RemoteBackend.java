package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Pollable;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.remote.http.Tls;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendFactory;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remote objects over HTTP(S): ranged reads split into tasks of {@link RemoteSettings#TASK_SIZE},
 * run over many connections by the engine that {@link RemoteSettings#REMOTE_ENGINE} names, with
 * retries; writes by PUT. The multiplexed engine is one passive duty cycle in
 * {@link #pollables()}; the blocking engine runs on worker threads the application supplies.
 *
 * <p>Opening an object is a control call: it asks the server for the size (unless the caller
 * knows it) on the calling thread, waiting for the answer.
 */
public final class RemoteBackend implements Backend {
    public static final String NAME = "remote";

    private final RemoteEngine engine;
    private final String engineName;
    private final Tls tls;
    private final Retries retries;
    private final long taskSize;
    private final long timeoutNs;
    private final int maxTransfersInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder bytesMoved = new LongAdder();
    private final Set<RemoteObject> objects = ConcurrentHashMap.newKeySet();

    private RemoteBackend(Settings settings, Executor workers) {
        this.engineName = settings.get(RemoteSettings.REMOTE_ENGINE);
        this.taskSize = settings.get(RemoteSettings.TASK_SIZE);
        this.timeoutNs = settings.get(RemoteSettings.HTTP_TIMEOUT);
        this.maxTransfersInFlight = settings.get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT);
        this.tls = Tls.client(null);
        this.retries = new Retries(settings);
        int connections = settings.get(RemoteSettings.REMOTE_MAX_CONNECTIONS);
        if (engineName.equals("blocking")) {
            if (workers == null) {
                throw RemoteSettings.REMOTE_ENGINE.invalid(engineName, "the blocking engine needs worker threads: "
                        + "create the backend with RemoteBackend.factory(executor)");
            }
            engine = new BlockingEngine(workers, connections, timeoutNs, tls, retries);
        } else {
            engine = new MultiplexedEngine(connections, maxTransfersInFlight, timeoutNs, tls, retries);
        }
    }

    /** A factory for the multiplexed engine (the blocking engine needs {@link #factory(Executor)}). */
    public static BackendFactory<RemoteBackend> factory() {
        return settings -> new RemoteBackend(settings, null);
    }

    /** A factory that gives the blocking engine, when chosen, these worker threads (virtual threads suit it). */
    public static BackendFactory<RemoteBackend> factory(Executor workers) {
        Objects.requireNonNull(workers, "workers");
        return settings -> new RemoteBackend(settings, workers);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The engine in use: {@code multiplexed} or {@code blocking}. */
    public String engineName() {
        return engineName;
    }

    /** Requests retried so far. */
    public long retries() {
        return engine.retries();
    }

    /** Payload bytes moved so far (read into memory or uploaded), counted as each request completes. */
    public long bytesMoved() {
        return bytesMoved.sum();
    }

    void moved(long bytes) {
        bytesMoved.add(bytes);
    }

    /** Opens an object for reading; its size comes from the server. */
    public RemoteObject open(String uri, RemoteOpenOption... options) {
        return open(parse(uri), options);
    }

    /** Opens an object for reading; its size comes from the server. */
    public RemoteObject open(URI uri, RemoteOpenOption... options) {
        ObjectAccess access = access(uri);
        return register(new RemoteObject(this, access, ObjectSize.ask(access, control()), false, has(options)));
    }

    /** Opens an object for reading with a size the caller knows, sending no request. */
    public RemoteObject open(URI uri, long size, RemoteOpenOption... options) {
        if (size < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "size must not be negative: " + size);
        }
        return register(new RemoteObject(this, access(uri), size, false, has(options)));
    }

    /** Creates (or replaces) an object of {@code size} bytes, written by one write transfer that covers it. */
    public RemoteObject create(URI uri, long size) {
        if (size < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "size must not be negative: " + size);
        }
        return register(new RemoteObject(this, access(uri), size, true, false));
    }

    private static boolean has(RemoteOpenOption[] options) {
        return List.of(options).contains(RemoteOpenOption.SHORT_READS);
    }

    private static URI parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "not a valid URI: " + uri + " (" + e.getMessage() + ")");
        }
    }

    private ObjectAccess access(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> new HttpAccess(uri);
            default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unsupported scheme in " + uri
                    + ": expected http://, https:// or s3://");
        };
    }

    private RemoteObject register(RemoteObject object) {
        objects.add(object);
        return object;
    }

    void forget(RemoteObject object) {
        objects.remove(object);
    }

    /** A runner for requests made on the calling (control) thread. */
    TaskRunner control() {
        return new TaskRunner(tls, retries, timeoutNs);
    }

    RemoteEngine engine() {
        return engine;
    }

    @Override
    public boolean owns(Target target) {
        return target instanceof RemoteObject object && object.backend() == this;
    }

    @Override
    public BackendTransfer prepare(TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
        for (int i = 0; i < descriptors.size(); i++) {
            Descriptor d = descriptors.get(i);
            RemoteObject object = (RemoteObject) d.target();
            if (op == TransferOp.READ) {
                object.checkReadable(d.targetOffset(), d.length(), i);
            } else if (!object.isWritable()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + i + ": " + object.describe()
                        + " was opened for reading; create it to write it");
            }
        }
        return op == TransferOp.READ
                ? new ReadPlan(this, descriptors, progress, taskSize)
                : new WritePlan(this, descriptors, progress, (plan, entry) -> new SinglePut(plan, entry.getKey(), entry.getValue()));
    }

    /** Counts a post in flight, refusing more than {@link CoreSettings#MAX_TRANSFERS_IN_FLIGHT}. */
    void admit(RemoteObject[] used) {
        if (inFlight.incrementAndGet() > maxTransfersInFlight) {
            inFlight.decrementAndGet();
            throw new FerryException(ErrorCode.QUEUE_FULL, maxTransfersInFlight
                    + " transfers are in flight on the remote backend (MAX_TRANSFERS_IN_FLIGHT); await some first");
        }
        for (RemoteObject object : used) {
            object.postStarted();
        }
    }

    void retire(RemoteObject[] used) {
        for (RemoteObject object : used) {
            object.postEnded();
        }
        inFlight.decrementAndGet();
    }

    @Override
    public List<Pollable> pollables() {
        return engine.pollables();
    }

    @Override
    public void close() {
        engine.close();
        objects.clear();
    }
}
