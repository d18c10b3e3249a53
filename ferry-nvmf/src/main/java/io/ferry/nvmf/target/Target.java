package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The root of an NVMe/TCP target (SPDK's {@code spdk_nvmf_tgt}): its subsystems, the discovery
 * subsystem, the addresses it listens on and the discovery generation counter, which moves
 * whenever what the discovery log shows may have changed. Passive and thread-safe: configuration
 * may change from any thread while {@link TargetGroup}s, each polled by one thread, serve hosts.
 */
public final class Target {
    private final TargetOptions options;
    private final ConcurrentHashMap<String, Subsystem> subsystems = new ConcurrentHashMap<>();
    private final List<ListenAddress> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong discoveryGeneration = new AtomicLong();
    private final AtomicInteger namespaceIndexes = new AtomicInteger();
    private final AtomicInteger groupNames = new AtomicInteger();
    private final Subsystem discovery;

    private Target(TargetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.discovery = new Subsystem(this, Subsystem.DISCOVERY_NQN, "ferry-discovery", "Ferry discovery controller", true);
    }

    /** A target with the limits of {@code options}, no subsystem but discovery, and no listener. */
    public static Target create(TargetOptions options) {
        return new Target(options);
    }

    /** A target with the {@linkplain TargetOptions#defaults() default} limits, as {@link #create(TargetOptions)}. */
    public static Target create() {
        return new Target(TargetOptions.defaults());
    }

    /** The target's limits. */
    public TargetOptions options() {
        return options;
    }

    /** Adds an NVM subsystem; it allows no host and no listener until told. */
    public Subsystem addSubsystem(String nqn, String serialNumber, String modelNumber) {
        Subsystem subsystem = new Subsystem(this, nqn, serialNumber, modelNumber, false);
        if (nqn.equals(Subsystem.DISCOVERY_NQN)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, nqn + " is the discovery subsystem's NQN, which the target serves itself");
        }
        if (subsystems.putIfAbsent(nqn, subsystem) != null) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "subsystem " + nqn + " already exists");
        }
        discoveryChanged();
        return subsystem;
    }

    /** Removes a subsystem no host is connected to. */
    public void removeSubsystem(String nqn) {
        Subsystem subsystem = subsystems.get(nqn);
        if (subsystem == null) {
            throw new FerryException(ErrorCode.NOT_FOUND, "no subsystem " + nqn);
        }
        if (subsystem.controllerCount() > 0) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "subsystem " + nqn + " has "
                    + subsystem.controllerCount() + " connected controller(s)");
        }
        subsystems.remove(nqn, subsystem);
        discoveryChanged();
    }

    /** The subsystem with this NQN (the discovery subsystem included), or null. */
    public Subsystem subsystem(String nqn) {
        return nqn.equals(Subsystem.DISCOVERY_NQN) ? discovery : subsystems.get(nqn);
    }

    /** The NVM subsystems, in NQN order. */
    public List<Subsystem> subsystems() {
        List<Subsystem> list = new ArrayList<>(subsystems.values());
        list.sort((a, b) -> a.nqn().compareTo(b.nqn()));
        return list;
    }

    /** The discovery subsystem, {@value Subsystem#DISCOVERY_NQN}, which every target has. */
    public Subsystem discovery() {
        return discovery;
    }

    /** Records an address the target listens on (the transport opens it); the discovery log lists it. */
    public void addListener(ListenAddress address) {
        if (!listeners.contains(Objects.requireNonNull(address, "address"))) {
            listeners.add(address);
            discoveryChanged();
        }
    }

    /** Forgets an address the target listens on, so the discovery log no longer lists it; the transport closes it. */
    public void removeListener(ListenAddress address) {
        if (listeners.remove(address)) {
            discoveryChanged();
        }
    }

    /** The addresses the target listens on, in the order they were added: a snapshot. */
    public List<ListenAddress> listeners() {
        return List.copyOf(listeners);
    }

    /** GENCTR of the discovery log page. */
    public long discoveryGeneration() {
        return discoveryGeneration.get();
    }

    /** A new poll group's share of the target, to be polled by one thread. */
    public TargetGroup newGroup() {
        return new TargetGroup(this, "nvmf-group-" + groupNames.getAndIncrement());
    }

    void discoveryChanged() {
        discoveryGeneration.incrementAndGet();
        discovery.discoveryLogChanged();
    }

    int nextNamespaceIndex() {
        return namespaceIndexes.getAndIncrement();
    }
}
