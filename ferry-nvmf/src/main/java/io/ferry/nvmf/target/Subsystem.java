package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.device.BlockDevice;
import io.ferry.nvmf.internal.nvme.Feature;
import io.ferry.nvmf.internal.nvme.Nqn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An NVM subsystem (or the discovery subsystem): an NQN, a serial and model number, namespaces,
 * the hosts allowed to connect (or any host) and the listeners it may be reached through (or any),
 * and its controllers. Thread-safe: configuration may change while poll groups serve it; Connect
 * checks the host and listener each time, and taking access away disconnects the controllers and
 * queues that no longer have it. Pausing stops new commands from starting (they wait,
 * in order) until {@link #resume()}; commands already running complete.
 */
public final class Subsystem {
    /** The well-known NQN of the discovery subsystem. */
    public static final String DISCOVERY_NQN = "nqn.2014-08.org.nvmexpress.discovery";
    /** The most namespaces of a subsystem (Identify Controller NN). */
    public static final int MAX_NAMESPACES = 1024;
    /** Dynamic controller IDs are 1..0xFFEF. */
    private static final int MAX_CNTLID = 0xFFEF;

    private final Target target;
    private final String nqn;
    private final String serialNumber;
    private final String modelNumber;
    private final boolean discovery;
    private volatile Namespace[] namespaces = new Namespace[MAX_NAMESPACES + 1];
    private final Set<String> hosts = ConcurrentHashMap.newKeySet();
    private final Set<ListenAddress> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean anyHost;
    private volatile boolean anyListener;
    private volatile boolean paused;
    private final ConcurrentHashMap<Integer, Controller> controllers = new ConcurrentHashMap<>();
    private int nextCntlid = 1;

    Subsystem(Target target, String nqn, String serialNumber, String modelNumber, boolean discovery) {
        this.target = target;
        this.nqn = Nqn.check(nqn);
        this.serialNumber = Nqn.ascii(serialNumber, 20, "serial number");
        this.modelNumber = Nqn.ascii(modelNumber, 40, "model number");
        this.discovery = discovery;
        this.anyHost = discovery;
        this.anyListener = discovery;
    }

    /** The subsystem's NQN. */
    public String nqn() {
        return nqn;
    }

    /** The serial number its controllers report (1 to 20 printable ASCII characters). */
    public String serialNumber() {
        return serialNumber;
    }

    /** The model number its controllers report (1 to 40 printable ASCII characters). */
    public String modelNumber() {
        return modelNumber;
    }

    /** Whether this is the target's discovery subsystem, {@value #DISCOVERY_NQN}. */
    public boolean isDiscovery() {
        return discovery;
    }

    /** The target the subsystem belongs to. */
    public Target target() {
        return target;
    }

    /** Adds a namespace with the lowest free NSID; connected hosts get a namespace attribute notice. */
    public Namespace addNamespace(BlockDevice device) {
        synchronized (this) {
            for (int nsid = 1; nsid <= MAX_NAMESPACES; nsid++) {
                if (namespaces[nsid] == null) {
                    return addNamespace(nsid, device);
                }
            }
        }
        throw new FerryException(ErrorCode.ILLEGAL_STATE, nqn + " already has " + MAX_NAMESPACES + " namespaces");
    }

    /** Adds a namespace with this NSID (1 to {@link #MAX_NAMESPACES}). */
    public synchronized Namespace addNamespace(int nsid, BlockDevice device) {
        Objects.requireNonNull(device, "device");
        if (discovery) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "the discovery subsystem has no namespaces");
        }
        if (nsid < 1 || nsid > MAX_NAMESPACES) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "NSID must be 1 to " + MAX_NAMESPACES + ": " + nsid);
        }
        if (namespaces[nsid] != null) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, nqn + " already has namespace " + nsid);
        }
        Namespace namespace = new Namespace(this, nsid, device, target.nextNamespaceIndex());
        Namespace[] copy = namespaces.clone();
        copy[nsid] = namespace;
        namespaces = copy;
        for (Controller controller : controllers.values()) {
            controller.raise(Feature.AEC_NAMESPACE_ATTRIBUTE);
        }
        return namespace;
    }

    /** The namespace with this NSID, or null; allocation-free, for the I/O path. */
    public Namespace namespace(int nsid) {
        Namespace[] current = namespaces;
        return nsid >= 1 && nsid < current.length ? current[nsid] : null;
    }

    /** The namespaces in NSID order. */
    public List<Namespace> namespaces() {
        List<Namespace> list = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            if (namespace != null) {
                list.add(namespace);
            }
        }
        return list;
    }

    /** Allows a host NQN to connect. */
    public void allowHost(String hostNqn) {
        hosts.add(Nqn.check(hostNqn));
        target.discoveryChanged();
    }

    /**
     * Stops a host NQN from connecting and, unless any host is allowed, disconnects the controllers it
     * has connected.
     */
    public void removeHost(String hostNqn) {
        hosts.remove(hostNqn);
        accessChanged();
    }

    /**
     * Whether any host may connect, including one with an empty host NQN (as spdk_nvme_perf sends).
     * Turning it off disconnects the controllers of hosts that are not on the allow-list.
     */
    public void allowAnyHost(boolean any) {
        anyHost = any;
        accessChanged();
    }

    /** Whether a host with NQN {@code hostNqn} may connect now. */
    public boolean isHostAllowed(String hostNqn) {
        return anyHost || hosts.contains(hostNqn);
    }

    /** Allows hosts to reach this subsystem through a listener of the target. */
    public void allowListener(ListenAddress address) {
        listeners.add(Objects.requireNonNull(address, "address"));
        target.discoveryChanged();
    }

    /**
     * Stops hosts from reaching this subsystem through a listener and, unless any listener is allowed,
     * disconnects the queues connected through it (a controller whose admin queue goes goes with it).
     */
    public void removeListener(ListenAddress address) {
        listeners.remove(address);
        accessChanged();
    }

    /**
     * Whether hosts may reach this subsystem through any listener of the target. Turning it off
     * disconnects the queues connected through listeners that are not allowed.
     */
    public void allowAnyListener(boolean any) {
        anyListener = any;
        accessChanged();
    }

    /** Existing connections get the access that new ones get: what is no longer admitted is disconnected. */
    private void accessChanged() {
        target.discoveryChanged();
        for (Controller controller : controllers.values()) {
            controller.disconnectRevoked();
        }
    }

    /** Whether hosts may reach this subsystem through the listener at {@code address} now. */
    public boolean isListenerAllowed(ListenAddress address) {
        return anyListener || listeners.contains(address);
    }

    /** Stops new commands from starting; they wait until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /** Lets commands start again after {@link #pause()}; those that waited run in order. */
    public void resume() {
        paused = false;
    }

    /** Whether new commands wait: {@link #pause()} was called and {@link #resume()} not since. */
    public boolean isPaused() {
        return paused;
    }

    /** The number of controllers (associations with hosts) now. */
    public int controllerCount() {
        return controllers.size();
    }

    /** Allocates a CNTLID and registers the controller built for it, or returns null when every ID is taken. */
    synchronized Controller createController(ControllerFactory factory) {
        for (int tries = 0; tries < MAX_CNTLID; tries++) {
            int cntlid = nextCntlid;
            nextCntlid = nextCntlid == MAX_CNTLID ? 1 : nextCntlid + 1;
            if (!controllers.containsKey(cntlid)) {
                Controller controller = factory.create(cntlid);
                controllers.put(cntlid, controller);
                return controller;
            }
        }
        return null;
    }

    /** Makes a controller for a CNTLID the subsystem picked. */
    interface ControllerFactory {
        Controller create(int cntlid);
    }

    Controller controller(int cntlid) {
        return controllers.get(cntlid);
    }

    void removeController(Controller controller) {
        controllers.remove(controller.cntlid(), controller);
    }

    /** Tells every controller of this subsystem about a discovery log change. */
    void discoveryLogChanged() {
        for (Controller controller : controllers.values()) {
            controller.raise(Feature.AEC_DISCOVERY_CHANGE);
        }
    }

    @Override
    public String toString() {
        return nqn;
    }
}
