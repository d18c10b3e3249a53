package io.ferry;

import io.ferry.poll.Component;
import io.ferry.poll.IdleStrategy;
import io.ferry.poll.PollGroup;
import io.ferry.poll.Waiter;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendContext;
import io.ferry.spi.BackendFactory;
import io.ferry.spi.BackendTransfer;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
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
import java.util.function.BooleanSupplier;

/**
 * The entry point: owns backends, memory registrations and transfers.
 *
 * <p>Threads: the agent never starts one. Its control calls (attach, register, prepare, close) are
 * made by one thread at a time. Who polls its backends' components is chosen once, when it is built
 * ({@link ThreadingMode}): the caller ({@link #create()}; progress comes from {@link #poll()} or
 * {@link Transfer#await()} on the calling thread), or poll groups that others drive
 * ({@link AgentBuilder#pollGroups}; the components are handed to them at attach).
 *
 * <p>Reading a file into native memory, on the calling thread:
 * <pre>{@code
 * try (Arena arena = Arena.ofConfined();           // closed last: memory outlives the agent
 *      Agent agent = Agent.create()) {
 *     FileBackend files = agent.attach(FileBackend.factory());
 *     FileTarget file = files.open(Path.of("data.bin"), OpenFlag.READ);
 *     MemorySegment buffer = Memory.allocate(arena, file.size());
 *     try (Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(buffer, file, 0)))) {
 *         read.post();
 *         read.await().throwIfFailed();
 *     }
 * }
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    /** The longest a control call waits for poll groups (to take a component, let one go, finish a transfer). */
    static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final String name;
    private final ThreadingMode mode;
    private final PollGroups groups;
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
    private final Map<Backend, Admission> admissions = new LinkedHashMap<>();
    private final TransferCounts counts = new TransferCounts();
    private final BackendContext context = new Context();
    private volatile boolean closed;
    /** Ids of live registrations; a new one takes the lowest free id, so ids stay small. */
    private final BitSet registrationIds = new BitSet();

    Agent(AgentBuilder builder) {
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.name = builder.name;
        this.mode = builder.pollGroups == null ? ThreadingMode.INVOKER : ThreadingMode.POLL_GROUPS;
        this.groups = mode == ThreadingMode.INVOKER
                ? PollGroups.invoker(new PollGroup(name), builder.idleStrategy)
                : PollGroups.driven(builder.pollGroups, builder.placement);
    }

    /** An agent the caller drives, with settings from the environment ({@code FERRY_*}) over the defaults. */
    public static Agent create() {
        return builder().build();
    }

    /** An agent the caller drives, with {@code settings}. */
    public static Agent create(Settings settings) {
        return builder().settings(settings).build();
    }

    /** A builder: settings, name, and who drives the agent; see {@link AgentBuilder}. */
    public static AgentBuilder builder() {
        return new AgentBuilder();
    }

    /** The settings this agent and its backends were made with. */
    public Settings settings() {
        return settings;
    }

    /** The name given at build time, for diagnostics. */
    public String name() {
        return name;
    }

    /** Who drives this agent; fixed when it was built. */
    public ThreadingMode threadingMode() {
        return mode;
    }

    /**
     * Creates a backend from this agent's settings, attaches it under its name and places its
     * components: on the agent's own poll group, or, when poll groups drive the agent, on those groups
     * by the placement rule (round robin by default).
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when a backend of that name is attached,
     *                        {@link ErrorCode#TIMED_OUT} when a poll group did not take a component
     */
    public <B extends Backend> B attach(BackendFactory<B> factory) {
        checkOpen();
        B backend = factory.create(context);
        if (backends.containsKey(backend.name())) {
            backend.close();
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "a backend named '" + backend.name() + "' is already attached");
        }
        backends.put(backend.name(), backend);
        admissions.put(backend, new Admission(backend.name(), settings.get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT)));
        for (Registration registration : registrations) {
            backend.memoryRegistered(registration);
        }
        for (Component component : backend.components()) {
            groups.place(component);
        }
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
        groups.awaitUntil(() -> holding.get() == 0, CONTROL_TIMEOUT, "backends to let go of registration " + registration.id());
        registrationIds.clear(registration.id());
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
            TransferPart part = transfer.addPart(indices.length == copy.size() ? null : indices, admissions.get(entry.getKey()));
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
        counts.entered(TransferState.PREPARED);
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

    /**
     * How many of this agent's transfers are in {@code state} now (for {@link TransferState#RELEASED}:
     * released so far). Any thread; for diagnostics, such as explaining a transfer that seems stuck.
     */
    public long transferCount(TransferState state) {
        return counts.count(Objects.requireNonNull(state, "state"));
    }

    TransferCounts counts() {
        return counts;
    }

    /**
     * Polls every component once on the calling thread; returns the work done. Only for an agent
     * the caller drives ({@link ThreadingMode#INVOKER}).
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when poll groups drive the agent
     */
    public int poll() {
        return groups.invokerGroup("poll the agent").poll();
    }

    /**
     * Where the caller of an agent it drives may idle between polls, as its idle strategy decides:
     * the network loop of the agent's poll group once a backend needs one, otherwise a parking waiter.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when poll groups drive the agent
     */
    public Waiter waiter() {
        return groups.invokerGroup("wait on the agent").waiter();
    }

    /**
     * Makes the completions of the backends attached so far end the waits of {@code waiter}: for a caller
     * that drives this agent from a poll group of its own and idles on that group's network loop (a
     * stream receiver writing files), which otherwise learns of a finished write only when its park runs
     * out. Returns false when some component's completions cannot be watched (a parking waiter), so
     * that the caller must not park long with I/O outstanding. Only for an agent the caller drives.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when poll groups drive the agent
     */
    public boolean watchCompletions(Waiter waiter) {
        groups.invokerGroup("watch the agent's completions");
        boolean all = true;
        for (Backend backend : backends.values()) {
            for (Component component : backend.components()) {
                int fd = component.readyFd();
                all &= fd < 0 || waiter.watch(fd);
            }
        }
        return all;
    }

    /**
     * Waits until {@code done} holds: as the caller of an agent it drives, by polling it with its idle
     * strategy; otherwise by parking (in steps of at most a millisecond) while the poll groups work.
     */
    void awaitUntil(BooleanSupplier done, Duration timeout, String what) {
        groups.awaitUntil(done, timeout, what);
    }

    void checkOpen() {
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "agent is closed");
        }
    }

    /**
     * Cancels transfers in flight and waits for them, releases every transfer, deregisters memory,
     * closes the backends and their targets, and finally closes the components on the threads that
     * own them (they leave their poll groups). Waits at most a minute for poll groups, then fails with
     * {@link ErrorCode#TIMED_OUT} naming what did not end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (Transfer transfer : transfers) {
            transfer.cancel();
        }
        for (Transfer transfer : transfers) {
            TransferState state = transfer.state();
            if (state == TransferState.POSTED || state == TransferState.IN_PROGRESS) {
                transfer.await(CONTROL_TIMEOUT);
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
        List<Component> components = new ArrayList<>();
        for (Backend backend : backends.values()) {
            components.addAll(backend.components());
        }
        groups.release(components);
    }

    @Override
    public String toString() {
        return "Agent[" + name + ", " + mode + ", backends " + backends.keySet() + "]";
    }

    /** What backends see of the agent. */
    private final class Context implements BackendContext {
        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public ThreadingMode threadingMode() {
            return mode;
        }

        @Override
        public int pollGroupCount() {
            return groups.count();
        }

        @Override
        public void awaitUntil(BooleanSupplier done, Duration timeout) {
            Agent.this.awaitUntil(done, timeout, "a blocking call");
        }
    }

    /** For {@link Transfer#await()}: the caller's group and idle strategy, or null when poll groups drive the agent. */
    PollGroups pollGroups() {
        return groups;
    }
}
