package io.ferry;

import io.ferry.settings.Settings;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendFactory;
import io.ferry.spi.BackendTransfer;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The entry point: owns backends, memory registrations and transfers.
 *
 * <p>Threads: the agent never starts one. Its control calls (attach, register, prepare, close) are
 * made by one thread at a time. Progress comes from {@link #poll()}, called by the application or
 * by {@link Transfer#await()} on the waiting thread; or, after {@link #handOffProgress()}, by the
 * poll groups of a runtime that polls the returned components instead.
 */
public final class Agent implements AutoCloseable {
    private final Settings settings;
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
    private Pollable[] pollables = new Pollable[0];
    private volatile boolean selfDriven = true;
    private volatile boolean closed;
    /** Ids of live registrations; a new one takes the lowest free id, so ids stay small. */
    private final BitSet registrationIds = new BitSet();

    private Agent(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An agent with settings from the environment ({@code FERRY_*}) over the defaults. */
    public static Agent create() {
        return new Agent(Settings.fromEnvironment());
    }

    public static Agent create(Settings settings) {
        return new Agent(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** Creates a backend from this agent's settings and attaches it under its name. */
    public <B extends Backend> B attach(BackendFactory<B> factory) {
        checkOpen();
        if (!selfDriven) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "attach backends before handing progress to a runtime");
        }
        B backend = factory.create(settings);
        if (backends.containsKey(backend.name())) {
            backend.close();
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "a backend named '" + backend.name() + "' is already attached");
        }
        backends.put(backend.name(), backend);
        for (Registration registration : registrations) {
            backend.memoryRegistered(registration);
        }
        List<Pollable> all = new ArrayList<>(List.of(pollables));
        all.addAll(backend.pollables());
        pollables = all.toArray(Pollable[]::new);
        return backend;
    }

    /** The attached backend with this name. */
    public Backend backend(String name) {
        Backend backend = backends.get(name);
        if (backend == null) {
            throw new FerryException(ErrorCode.UNKNOWN_ENGINE,
                    "no backend '" + name + "' is attached; attached: " + backends.keySet());
        }
        return backend;
    }

    /**
     * Registers memory so that engines able to pre-register it can use their fast path (io_uring
     * fixed buffers, for transfers prepared after this call). The registration's id is the lowest one
     * not in use. Registration is an optimization: every engine also serves memory that is not
     * registered, and an engine that cannot register it (kernel limits) serves it as such.
     */
    public Registration register(MemorySegment memory) {
        checkOpen();
        Objects.requireNonNull(memory, "memory");
        if (!memory.scope().isAlive()) {
            throw new FerryException(ErrorCode.CLOSED, "memory was freed");
        }
        for (Registration r : registrations) {
            if (r.overlaps(memory)) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "memory overlaps registration " + r.id());
            }
        }
        int id = registrationIds.nextClearBit(0);
        Registration registration = new Registration(this, id, memory);
        registrationIds.set(id);
        registrations.add(registration);
        for (Backend backend : backends.values()) {
            backend.memoryRegistered(registration);
        }
        return registration;
    }

    /** Tells every backend and returns once all have let go of the memory; then the id is free again. */
    void deregister(Registration registration) {
        registrations.remove(registration);
        AtomicInteger holding = new AtomicInteger(backends.size());
        for (Backend backend : backends.values()) {
            backend.memoryDeregistering(registration, holding::decrementAndGet);
        }
        progressUntil(() -> holding.get() == 0);
        registrationIds.clear(registration.id());
    }

    /**
     * Polls until {@code done} when the caller drives the agent; otherwise waits for the runtime's
     * poll groups to get there. An interrupt is left set for the caller: what waits here must finish.
     */
    private void progressUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (selfDriven) {
                if (poll() == 0) {
                    Thread.onSpinWait();
                }
            } else {
                LockSupport.parkNanos(this, 1_000_000L);
            }
        }
    }

    /** The registration that holds {@code slice}, or null. */
    public Registration registrationOf(MemorySegment slice) {
        for (Registration r : registrations) {
            if (r.contains(slice)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Validates the descriptors and prepares a transfer that can be posted many times. Every
     * descriptor's target must belong to a backend attached to this agent and be open.
     */
    public Transfer prepare(TransferOp op, List<Descriptor> descriptors) {
        checkOpen();
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(descriptors, "descriptors");
        if (descriptors.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a transfer needs at least one descriptor");
        }
        List<Descriptor> copy = List.copyOf(descriptors);
        Map<Backend, List<Integer>> byBackend = new LinkedHashMap<>();
        List<Registration> used = new ArrayList<>();
        for (int i = 0; i < copy.size(); i++) {
            Descriptor d = copy.get(i);
            if (!d.memory().scope().isAlive()) {
                throw new FerryException(ErrorCode.CLOSED, "descriptor " + i + ": its memory was freed");
            }
            if (op == TransferOp.READ && d.memory().isReadOnly()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + i + ": memory is read-only");
            }
            if (!d.target().isOpen()) {
                throw new FerryException(ErrorCode.CLOSED, "descriptor " + i + ": " + d.target().describe() + " is closed");
            }
            byBackend.computeIfAbsent(ownerOf(d.target(), i), b -> new ArrayList<>()).add(i);
            Registration registration = registrationOf(d.memory());
            if (registration != null && !used.contains(registration)) {
                used.add(registration);
            }
        }
        Transfer transfer = new Transfer(this, op, copy, List.copyOf(used), byBackend.size());
        for (Map.Entry<Backend, List<Integer>> entry : byBackend.entrySet()) {
            int[] indices = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            List<Descriptor> subset = new ArrayList<>(indices.length);
            for (int index : indices) {
                subset.add(copy.get(index));
            }
            TransferPart part = transfer.addPart(indices.length == copy.size() ? null : indices);
            BackendTransfer prepared;
            try {
                prepared = entry.getKey().prepare(op, subset, part);
            } catch (FerryException e) {
                throw indices.length == copy.size() ? e : renumbered(e, indices);
            }
            part.bind(prepared);
        }
        used.forEach(Registration::use);
        transfers.add(transfer);
        return transfer;
    }

    private static FerryException renumbered(FerryException e, int[] indices) {
        return new FerryException(e.errorCode(), e.getMessage() + " (descriptor numbers count within backend; "
                + "they are descriptors " + Arrays.toString(indices) + " of the transfer)", e);
    }

    private Backend ownerOf(Target target, int index) {
        for (Backend backend : backends.values()) {
            if (backend.owns(target)) {
                return backend;
            }
        }
        throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                "descriptor " + index + ": " + target.describe() + " does not belong to a backend of this agent");
    }

    void forget(Transfer transfer) {
        transfers.remove(transfer);
    }

    /** Polls every backend component once; returns the work done. Refused after {@link #handOffProgress()}. */
    public int poll() {
        if (!selfDriven) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "agent progress was handed to a runtime");
        }
        int work = 0;
        for (Pollable pollable : pollables) {
            work += pollable.poll();
        }
        return work;
    }

    /**
     * Hands progress to a runtime: returns the components to poll, each to be polled by one thread
     * at a time. From then on {@link #poll()} is refused and {@link Transfer#await()} parks. Call it
     * from the thread that drove the agent so far, while no other thread is inside {@link #poll()}.
     */
    public List<Pollable> handOffProgress() {
        checkOpen();
        if (!selfDriven) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "agent progress was already handed to a runtime");
        }
        selfDriven = false;
        return List.of(pollables);
    }

    /** Takes progress back once the runtime has stopped polling the components. */
    public void takeBackProgress() {
        selfDriven = true;
    }

    /** True unless progress was handed to a runtime. */
    public boolean isSelfDriven() {
        return selfDriven;
    }

    void checkOpen() {
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "agent is closed");
        }
    }

    /**
     * Cancels transfers in flight and waits for them, releases every transfer, deregisters memory
     * and closes the backends and their targets. Refused while a runtime drives the agent (close the
     * runtime first). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!selfDriven) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE,
                    "agent progress is handed to a runtime; close the runtime before the agent");
        }
        for (Transfer transfer : transfers) {
            transfer.cancel();
        }
        for (Transfer transfer : transfers) {
            TransferState state = transfer.state();
            if (state == TransferState.POSTED || state == TransferState.IN_PROGRESS) {
                transfer.await();
            }
        }
        for (Transfer transfer : List.copyOf(transfers)) {
            transfer.release();
        }
        closed = true;
        for (Registration registration : registrations) {
            registration.dropped();
        }
        registrations.clear();
        registrationIds.clear();
        for (Backend backend : backends.values()) {
            backend.close();
        }
    }
}
