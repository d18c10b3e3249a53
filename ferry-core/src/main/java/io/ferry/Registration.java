package io.ferry;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory registered with an {@link Agent}. Engines that can pin or pre-register memory (io_uring
 * fixed buffers) use registrations for their fast path; every engine accepts unregistered memory
 * too. Closing deregisters; it is refused while a prepared transfer still uses the memory, and it
 * returns only once no engine holds the memory any more, so that the memory may be freed right after.
 */
public final class Registration implements AutoCloseable {
    private final Agent agent;
    private final int id;
    private final MemorySegment memory;
    private final AtomicInteger transfersUsing = new AtomicInteger();
    private volatile boolean registered = true;

    Registration(Agent agent, int id, MemorySegment memory) {
        this.agent = agent;
        this.id = id;
        this.memory = memory;
    }

    /**
     * A small number, unique among this agent's registrations while it is registered: the lowest
     * one free when it was registered. Once it is closed, a new registration may get the same id.
     */
    public int id() {
        return id;
    }

    /** The registered memory. */
    public MemorySegment memory() {
        return memory;
    }

    /** False once {@link #close()} has deregistered the memory. */
    public boolean isRegistered() {
        return registered;
    }

    /** Whether {@code slice} lies entirely inside the registered memory. */
    public boolean contains(MemorySegment slice) {
        if (slice.isNative() != memory.isNative()
                || slice.heapBase().orElse(null) != memory.heapBase().orElse(null)) {
            return false;
        }
        long start = slice.address() - memory.address();
        return start >= 0 && start <= memory.byteSize() - slice.byteSize();
    }

    boolean overlaps(MemorySegment other) {
        if (other.isNative() != memory.isNative() || other.heapBase().orElse(null) != memory.heapBase().orElse(null)) {
            return false;
        }
        return other.address() < memory.address() + memory.byteSize()
                && memory.address() < other.address() + other.byteSize();
    }

    void use() {
        transfersUsing.incrementAndGet();
    }

    void unuse() {
        transfersUsing.decrementAndGet();
    }

    /**
     * Deregisters the memory and returns once every backend has let go of it (an io_uring queue may
     * hold it pinned in the kernel until its duty cycle applies the change). When the caller drives
     * the agent, this polls it, as {@link Transfer#await()} does; when a runtime drives it, this
     * waits for its poll groups. Refused while a prepared transfer uses the memory. Idempotent; after
     * {@link Agent#close()} there is nothing left to do.
     */
    @Override
    public void close() {
        if (!registered) {
            return;
        }
        int using = transfersUsing.get();
        if (using > 0) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "registration " + id + " is used by " + using
                    + " prepared transfer(s); release them first");
        }
        registered = false;
        agent.deregister(this);
    }

    /** The agent closed: its backends let go of everything when they close. */
    void dropped() {
        registered = false;
    }
}
