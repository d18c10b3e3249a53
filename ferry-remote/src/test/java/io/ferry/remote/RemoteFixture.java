package io.ferry.remote;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.settings.Settings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** An agent with a remote backend on one engine, shared memory and helpers to read and write. */
final class RemoteFixture implements AutoCloseable {
    static final Duration AWAIT = Duration.ofSeconds(60);

    final Agent agent;
    final RemoteBackend remote;
    final Arena arena = Arena.ofShared();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    RemoteFixture(String engine, Settings.Builder settings) {
        this(engine, settings, UnaryOperator.identity());
    }

    RemoteFixture(String engine, Settings.Builder settings, UnaryOperator<RemoteBackend.Factory> factory) {
        this(engine, settings, factory, Agent::create);
    }

    /** With the agent {@code agents} makes of the settings: one the caller drives, or one on a runtime. */
    RemoteFixture(String engine, Settings.Builder settings, UnaryOperator<RemoteBackend.Factory> factory,
                  Function<Settings, Agent> agents) {
        agent = agents.apply(settings.set(RemoteSettings.REMOTE_ENGINE, engine).build());
        remote = agent.attach(factory.apply(RemoteBackend.factory().workers(workers)));
    }

    /** Small tasks and quick retries, so tests exercise splitting and back-off without waiting. */
    static Settings.Builder smallTasks() {
        return Settings.builder()
                .set(RemoteSettings.TASK_SIZE, 64L << 10)
                .set(RemoteSettings.REMOTE_MAX_CONNECTIONS, 4)
                .set(RemoteSettings.HTTP_RETRY_DELAY, 1_000_000L);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Native memory filled with a sentinel, so that untouched bytes can be recognised. */
    MemorySegment sentinelMemory(long size) {
        MemorySegment memory = arena.allocate(size, 4096);
        memory.fill((byte) 0x5A);
        return memory;
    }

    /** The whole object at {@code location}, opened and read back through this fixture's agent. */
    byte[] download(String location) {
        RemoteObject object = remote.open(location);
        MemorySegment memory = sentinelMemory(object.size());
        run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
        return bytes(memory);
    }

    /** Reads the whole object in order, {@code block} bytes per transfer, {@code inFlight} transfers posted at a time. */
    MemorySegment readInSequence(RemoteObject object, int block, int inFlight) {
        MemorySegment memory = sentinelMemory(object.size());
        ArrayDeque<Transfer> posted = new ArrayDeque<>();
        long next = 0;
        while (next < object.size() || !posted.isEmpty()) {
            while (posted.size() < inFlight && next < object.size()) {
                long length = Math.min(block, object.size() - next);
                Transfer transfer = agent.prepare(TransferOp.READ,
                        List.of(Descriptor.of(memory.asSlice(next, length), object, next)));
                transfer.post();
                posted.add(transfer);
                next += length;
            }
            Transfer oldest = posted.poll();
            oldest.await(AWAIT).throwIfFailed();
            oldest.release();
        }
        return memory;
    }

    TransferStatus run(TransferOp op, List<Descriptor> descriptors) {
        Transfer transfer = agent.prepare(op, descriptors);
        try {
            transfer.post();
            return transfer.await(AWAIT);
        } finally {
            transfer.release();
        }
    }

    /**
     * Drives the agent on this thread until {@code condition} holds (a blocking engine's workers
     * run on their own meanwhile); fails after {@link #AWAIT}.
     */
    void pollUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + AWAIT);
            }
            if (agent.poll() == 0) {
                agent.waiter().await(1_000_000);
            }
        }
    }

    static byte[] bytes(MemorySegment memory) {
        return memory.toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public void close() {
        agent.close();
        workers.close();
        arena.close();
    }
}
