package io.ferry.nvmf.host;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.nvmf.internal.nvme.Nqn;
import io.ferry.poll.Component;
import io.ferry.settings.CoreSettings;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendContext;
import io.ferry.spi.BackendFactory;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The NVMe/TCP host as a transfer backend: namespaces of remote controllers are targets, and
 * descriptors name byte ranges of them. The backend has one component ({@link #components()}) per
 * poll group of the agent, each with its own network loop. Each opened namespace has its own
 * controller: an admin queue with keep-alive on one component, and one I/O queue of
 * {@link NvmeHostSettings#NVME_QUEUE_DEPTH} on every component, so that each poll group issues its
 * share of a transfer's commands on its own queue (as SPDK's host keeps a queue pair per thread).
 * A lost connection is restored within {@link NvmeHostSettings#NVME_RECONNECT_TIMEOUT}.
 *
 * <p>Opening, identifying and discovering are control calls: they run on the component's thread
 * while the caller waits (polling the agent itself in INVOKER mode), bounded by
 * {@link #CONTROL_TIMEOUT}. Errors name the address and the step that failed.
 */
public final class NvmeBackend implements Backend {
    /** The backend's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "nvme";
    /** The longest a control call waits; the controller's own initialisation gives up after 10 s. */
    public static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

    private final BackendContext context;
    private final HostOptions options;
    private final NvmeEngine[] engines;
    /** Turns from open to open (home engines) and from post to post (which engine takes a namespace's first command). */
    private final AtomicInteger rotation = new AtomicInteger();
    private final Set<NvmeNamespace> namespaces = ConcurrentHashMap.newKeySet();

    private NvmeBackend(BackendContext context, Factory factory) {
        this.context = context;
        HostNqn host = HostNqn.resolve(factory.hostNqn != null ? factory.hostNqn : context.settings().get(NvmeHostSettings.NVME_HOST_NQN),
                HostNqn.SYSTEM_FILE);
        this.options = new HostOptions(host.id(), host.nqn(), context.settings().get(NvmeHostSettings.NVME_QUEUE_DEPTH),
                factory.headerDigest, factory.dataDigest, context.settings().get(NvmeHostSettings.NVME_RECONNECT_TIMEOUT));
        this.engines = new NvmeEngine[context.pollGroupCount()];
        for (int k = 0; k < engines.length; k++) {
            engines[k] = new NvmeEngine(k, context.settings().get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT) + 256);
        }
    }

    /** A factory with the host NQN of {@link NvmeHostSettings#NVME_HOST_NQN} and no digests. */
    public static Factory factory() {
        return new Factory(null, false, false);
    }

    /** Creates NVMe backends; each {@code with} method returns a new factory. */
    public static final class Factory implements BackendFactory<NvmeBackend> {
        /** Null: the setting's. */
        private final String hostNqn;
        private final boolean headerDigest;
        private final boolean dataDigest;

        private Factory(String hostNqn, boolean headerDigest, boolean dataDigest) {
            this.hostNqn = hostNqn;
            this.headerDigest = headerDigest;
            this.dataDigest = dataDigest;
        }

        /**
         * The host NQN sent in Connect, instead of {@link NvmeHostSettings#NVME_HOST_NQN}'s; a
         * {@code nqn.2014-08.org.nvmexpress:uuid:UUID} one also gives the host id.
         *
         * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for a string that is not an NQN
         */
        public Factory hostNqn(String nqn) {
            return new Factory(Nqn.check(nqn), headerDigest, dataDigest);
        }

        /** CRC32C header and data digests on every queue (both off by default, as Linux and SPDK hosts). */
        public Factory digests(boolean header, boolean data) {
            return new Factory(hostNqn, header, data);
        }

        @Override
        public NvmeBackend create(BackendContext context) {
            return new NvmeBackend(context, this);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens namespace {@code nvme+tcp://HOST:PORT/SUBNQN/NSID}: connects and initialises its controller
     * and its I/O queue. Fails with the step that went wrong (connect, Connect refused, namespace not
     * active, ...).
     */
    public NvmeNamespace open(String address) {
        return open(NvmeAddress.parse(address));
    }

    /** Opens the namespace at {@code address}, as {@link #open(String)}; the address must name a namespace id. */
    public NvmeNamespace open(NvmeAddress address) {
        if (address.nsid() == 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "not a namespace address '" + address
                    + "': the namespace id is missing (nvme+tcp://HOST:PORT/SUBNQN/NSID)");
        }
        HostController controller = (HostController) control(address, HostController.Mode.IO);
        NvmeNamespace namespace = new NvmeNamespace(this, address, controller);
        namespaces.add(namespace);
        return namespace;
    }

    /** Identify Controller and, when the address names a namespace, Identify Namespace, on a connection of its own. */
    public NvmeIdentity identify(String address) {
        return (NvmeIdentity) control(NvmeAddress.parse(address), HostController.Mode.IDENTIFY);
    }

    /** The discovery log of the discovery controller at {@code host:port} (an address from {@link NvmeAddress#parseHostPort}). */
    @SuppressWarnings("unchecked")
    public List<DiscoveryEntry> discover(NvmeAddress discoveryController) {
        return (List<DiscoveryEntry>) control(discoveryController.withNsid(0), HostController.Mode.DISCOVERY);
    }

    private Object control(NvmeAddress address, HostController.Mode mode) {
        ControlRequest<Object> request = new ControlRequest<>();
        NvmeEngine home = engines[Math.floorMod(rotation.getAndIncrement(), engines.length)];
        NvmeEngine[] queueEngines = mode == HostController.Mode.IO ? engines : new NvmeEngine[0];
        home.execute(() -> home.start(new HostController(address, mode, home, queueEngines, options, request), address));
        context.awaitUntil(request::isDone, CONTROL_TIMEOUT);
        return request.get();
    }

    /** A namespace was closed by its owner: its controller goes too. */
    void closed(NvmeNamespace namespace) {
        namespaces.remove(namespace);
        namespace.controller().closeFromAnyThread();
    }

    @Override
    public boolean owns(Target target) {
        return target instanceof NvmeNamespace namespace && namespace.backend() == this;
    }

    @Override
    public BackendTransfer prepare(TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
        return new NvmePlan(engines, rotation, op, descriptors, progress);
    }

    @Override
    public List<Component> components() {
        return List.of(engines);
    }

    @Override
    public void close() {
        for (NvmeNamespace namespace : List.copyOf(namespaces)) {
            namespace.close();
        }
    }
}
