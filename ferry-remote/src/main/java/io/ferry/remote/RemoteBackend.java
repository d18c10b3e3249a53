package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.remote.http.ProxyRules;
import io.ferry.remote.http.Tls;
import io.ferry.remote.s3.AwsCredentialsProvider;
import io.ferry.settings.Settings;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendContext;
import io.ferry.spi.BackendFactory;
import io.ferry.poll.Component;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remote objects over HTTP(S) and S3: ranged reads split into tasks of {@link RemoteSettings#TASK_SIZE},
 * run over many connections by the engine that {@link RemoteSettings#REMOTE_ENGINE} names, with
 * retries; writes by PUT, or by S3 multipart upload with parts in parallel. The multiplexed engine is one passive duty cycle in
 * {@link #components()}; the blocking engine runs on worker threads the application supplies.
 *
 * <p>Opening an object is a control call: its requests (the size, unless the caller knows it)
 * run on the engine's own connections, driven as transfers are, and {@link #openAsync} returns at
 * once; {@link #open} waits for them, polling the agent when the caller drives it. Opening or creating an {@code s3://}
 * object and posting a transfer are where S3 credentials are resolved and, when due, renewed
 * (see {@link Factory#credentials} and {@link Factory#credentialsRefresh}).
 *
 * <p>Reading 1 MiB of an object from offset 4096 into memory:
 * <pre>{@code
 * RemoteBackend objects = agent.attach(RemoteBackend.factory());
 * RemoteObject object = objects.open("https://example.com/data.bin");   // or s3://bucket/key
 * MemorySegment memory = arena.allocate(1 << 20);
 * try (Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, 4096)))) {
 *     read.post();
 *     read.await().throwIfFailed();
 * }
 * }</pre>
 */
public final class RemoteBackend implements Backend {
    /** The backend's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "remote";

    private final RemoteEngine engine;
    private final String engineName;
    private final Retries retries;
    private final long taskSize;
    private final long partSize;
    private final ControlCalls controlCalls;
    private final BackendObjects objects;

    private final LongAdder bytesMoved = new LongAdder();

    private RemoteBackend(BackendContext context, Factory factory) {
        Settings settings = context.settings();
        this.engineName = settings.get(RemoteSettings.REMOTE_ENGINE);
        this.taskSize = settings.get(RemoteSettings.TASK_SIZE);
        this.partSize = settings.get(RemoteSettings.PART_SIZE);
        Tls tls = RemoteEngines.tls(settings);
        ObjectLocations locations = new ObjectLocations(settings, factory);
        this.retries = new Retries(settings);
        this.engine = RemoteEngines.create(settings, factory.workers, tls, retries);
        this.controlCalls = new ControlCalls(engine, context, retries.controlCallBound(settings.get(RemoteSettings.HTTP_TIMEOUT)));
        this.objects = new BackendObjects(this, locations, controlCalls);
    }

    /**
     * A factory for the multiplexed engine that reads the S3 configuration from the process
     * environment and {@code $HOME/.aws}, as the AWS CLI does, with the credentials of
     * {@link AwsCredentialsProvider#defaultChain()}, and the HTTP proxy from the process
     * environment, as curl does ({@link Factory#environment(Map)}).
     */
    public static Factory factory() {
        return new Factory(null, System.getenv(), null, null, null, Map.of(), null, null);
    }

    /** Creates remote backends; each {@code with} method returns a new factory. */
    public static final class Factory implements BackendFactory<RemoteBackend> {
        private final Executor workers;
        final Map<String, String> environment;
        final Path home;
        final AwsCredentialsProvider credentials;
        final Executor credentialsRefresh;
        final Map<String, String> headers;
        private final String proxy;
        private final String noProxy;

        private Factory(Executor workers, Map<String, String> environment, Path home, AwsCredentialsProvider credentials,
                        Executor credentialsRefresh, Map<String, String> headers, String proxy, String noProxy) {
            this.workers = workers;
            this.environment = Map.copyOf(environment);
            this.home = home;
            this.credentials = credentials;
            this.credentialsRefresh = credentialsRefresh;
            this.headers = headers;
            this.proxy = proxy;
            this.noProxy = noProxy;
        }

        /** Worker threads for the blocking engine, when it is chosen (virtual threads suit it). */
        public Factory workers(Executor executor) {
            return new Factory(Objects.requireNonNull(executor, "executor"), environment, home, credentials, credentialsRefresh,
                    headers, proxy, noProxy);
        }

        /**
         * Where {@code s3://} objects find their endpoint and region (and, unless
         * {@link #credentials} names a provider, their credentials): the {@code AWS_*} variables of
         * {@code variables} and the {@code .aws} directory under their {@code HOME}. The HTTP proxy
         * of every request comes from the same variables, as curl reads them ({@code https_proxy},
         * {@code http_proxy}, {@code all_proxy}, {@code no_proxy}: see the README); a proxy
         * variable that cannot be used fails the creation of the backend, naming it.
         */
        public Factory environment(Map<String, String> variables) {
            return new Factory(workers, variables, null, credentials, credentialsRefresh, headers, proxy, noProxy);
        }

        /** As {@link #environment(Map)}, with the {@code .aws} directory under {@code homeDirectory}. */
        public Factory environment(Map<String, String> variables, Path homeDirectory) {
            return new Factory(workers, variables, Objects.requireNonNull(homeDirectory, "homeDirectory"), credentials,
                    credentialsRefresh, headers, proxy, noProxy);
        }

        /**
         * The credentials that sign {@code s3://} requests, instead of the default chain: static
         * keys ({@link AwsCredentialsProvider#of}), one source of the chain, or the application's own.
         */
        public Factory credentials(AwsCredentialsProvider provider) {
            return new Factory(workers, environment, home, Objects.requireNonNull(provider, "provider"), credentialsRefresh, headers,
                    proxy, noProxy);
        }

        /**
         * Where temporary credentials are renewed while transfers run: requests are signed with
         * the credentials at hand, and from five minutes before they expire a refresh is handed to
         * {@code executor} (it may run a process or an HTTP exchange). Without one, credentials are
         * renewed only by control calls (open, create, post), so a single transfer that outlives
         * them fails. See docs/design/credentials.md.
         */
        public Factory credentialsRefresh(Executor executor) {
            return new Factory(workers, environment, home, credentials, Objects.requireNonNull(executor, "executor"), headers,
                    proxy, noProxy);
        }

        /**
         * Headers sent with every request to {@code http://} and {@code https://} objects (as curl -H),
         * such as an {@code Authorization} a server wants; a {@code User-Agent} replaces Ferry's.
         * Not for {@code s3://}, whose requests are signed.
         */
        public Factory headers(Map<String, String> extra) {
            extra.forEach(RequestHeaders::check);
            return new Factory(workers, environment, home, credentials, credentialsRefresh, Map.copyOf(extra), proxy, noProxy);
        }

        /**
         * Sends every request through the HTTP proxy {@code url}
         * ({@code http://[user:password@]host[:port]}, port 1080 by default), as curl's
         * {@code --proxy}, instead of the one the environment names; {@link #noProxy} and
         * {@code no_proxy} still name the hosts reached directly.
         *
         * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for a URL that cannot be used
         */
        public Factory proxy(String url) {
            ProxyRules.NONE.withProxy(Objects.requireNonNull(url, "url"));
            return new Factory(workers, environment, home, credentials, credentialsRefresh, headers, url, noProxy);
        }

        /**
         * The hosts reached without a proxy, as curl's {@code --noproxy}, instead of the
         * environment's {@code no_proxy}: comma-separated names (which cover their subdomains), IP
         * addresses, CIDR ranges, or {@code *} for every host.
         */
        public Factory noProxy(String hosts) {
            return new Factory(workers, environment, home, credentials, credentialsRefresh, headers, proxy,
                    Objects.requireNonNull(hosts, "hosts"));
        }

        /** The proxy rules of the environment with {@link #proxy} and {@link #noProxy} on top. */
        ProxyRules proxyRules() {
            ProxyRules rules = ProxyRules.from(environment);
            rules = proxy == null ? rules : rules.withProxy(proxy);
            return noProxy == null ? rules : rules.withNoProxy(noProxy);
        }

        @Override
        public RemoteBackend create(BackendContext context) {
            return new RemoteBackend(context, this);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The engine in use: {@code multiplexed} or {@code blocking}. */
    public String engineName() {
        return engineName;
    }

    /**
     * Whether a read may continue the response of the read before it: an object opened with
     * {@link RemoteOpenOption#SEQUENTIAL} is read ahead, and one whose server serves no ranges can be
     * read whole in consecutive descriptors, one response through them all. True on the multiplexed
     * engine; on the blocking one each read is its own request.
     */
    public boolean continuesResponses() {
        return engine.continuesResponses();
    }

    /** Requests retried so far. */
    public long retries() {
        return retries.count();
    }

    /**
     * Payload bytes moved so far: read into memory, counted as they arrive, or uploaded, counted
     * as each request (a part, a PUT) completes.
     */
    public long bytesMoved() {
        return bytesMoved.sum();
    }

    void moved(long bytes) {
        bytesMoved.add(bytes);
    }

    /**
     * Opens an object for reading; its size and version come from the server (see
     * {@link RemoteObject}). {@code location} is an {@code http://} or {@code https://} URL, or
     * {@code s3://bucket/key} where the key is taken as written (not percent-decoded), as the AWS
     * CLI does. Fails when the server does not give the size (neither HEAD nor a ranged GET states
     * it). Waits for {@link #openAsync}, polling the agent when the caller drives it.
     *
     * @throws FerryException the failure of the open; {@link ErrorCode#INTERRUPTED} when the
     *         calling thread is interrupted (the open is then cancelled)
     */
    public RemoteObject open(String location, RemoteOpenOption... options) {
        return objects.open(location, options);
    }

    /**
     * As {@link #open(String, RemoteOpenOption...)}, without waiting: the requests that learn the
     * size run on the engine's own connections, and the future completes on the thread that
     * drives them (the caller's {@code agent.poll()}, a runtime's poll group, or a worker of the
     * blocking engine), so a dependent action given to it should be short. Cancelling the future
     * cuts off the request in flight. The location is checked, its host name resolved and
     * {@code s3://} credentials resolved on the calling thread.
     *
     * @throws FerryException for a location that cannot be used, or {@link ErrorCode#QUEUE_FULL}
     *         with 64 opens already in flight
     */
    public CompletableFuture<RemoteObject> openAsync(String location, RemoteOpenOption... options) {
        return objects.openAsync(location, options);
    }

    /**
     * Opens an object for reading with a size the caller knows, sending no request. Reads are tied
     * to the version the first answer shows, and fail when the server states another size.
     */
    public RemoteObject open(String location, long size, RemoteOpenOption... options) {
        return objects.open(location, size, options);
    }

    /** Creates (or replaces) an object of {@code size} bytes, written by one write transfer that covers it. */
    public RemoteObject create(String location, long size) {
        return create(location, size, ObjectMetadata.NONE);
    }

    /**
     * As {@link #create(String, long)}, with a media type and, for {@code s3://}, a storage class
     * (refused for other objects, which have none).
     */
    public RemoteObject create(String location, long size, ObjectMetadata metadata) {
        return objects.create(location, size, metadata);
    }

    /**
     * Starts uploading an {@code s3://} object whose size is not known yet, in parts written as the
     * data comes (an S3 multipart upload; see {@link ObjectUpload}), with {@code metadata} as
     * {@link #create(String, long, ObjectMetadata)} takes it. Waits for the request that starts it.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for a location that is not {@code s3://},
     *         or the failure of the request
     */
    public ObjectUpload startUpload(String location, ObjectMetadata metadata) {
        return objects.startUpload(location, metadata);
    }

    /** Runs a control call and waits for it, named {@code what} in messages. */
    <T> T call(ControlSteps<T> steps, String what) {
        return controlCalls.run(steps, what);
    }

    /**
     * Creates (or replaces) an empty object at once, which no transfer can write: a descriptor
     * holds at least one byte. Returns the object, of size 0.
     */
    public RemoteObject createEmpty(String location) {
        return createEmpty(location, ObjectMetadata.NONE);
    }

    /** As {@link #createEmpty(String)}, with the object's metadata, as {@link #create(String, long, ObjectMetadata)}. */
    public RemoteObject createEmpty(String location, ObjectMetadata metadata) {
        return objects.createEmpty(location, metadata);
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
                : new WritePlan(this, descriptors, progress, this::objectWrite);
    }

    /** A single PUT (a part of an {@link ObjectUpload} too), or a multipart upload for an S3 object larger than one part. */
    private ObjectWrite objectWrite(WritePlan plan, Map.Entry<RemoteObject, int[]> object) {
        RemoteObject target = object.getKey();
        return target.access() instanceof S3Access && target.part() == null && target.size() > partSize
                ? new MultipartWrite(plan, target, object.getValue(), partSize)
                : new SinglePut(plan, target, object.getValue());
    }

    @Override
    public List<Component> components() {
        return engine.components();
    }

    @Override
    public void close() {
        controlCalls.closeAll();
        if (engine.components().isEmpty()) {
            engine.close();
        }
    }
}
