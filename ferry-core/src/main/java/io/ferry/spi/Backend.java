package io.ferry.spi;

import io.ferry.Descriptor;
import io.ferry.Registration;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.poll.Component;

import java.util.List;

/**
 * Turns the descriptors of a transfer into engine operations and completes them. A backend does
 * its work only inside the {@link Component}s it exposes, which the agent places on poll groups;
 * it never starts a thread.
 */
public interface Backend extends AutoCloseable {
    /** The registered name, such as {@code file}. */
    String name();

    /** Whether this backend serves the target (it opened it). */
    boolean owns(Target target);

    /**
     * Validates the descriptors (all owned by this backend) and plans their I/O. Called on the
     * agent's control thread. Errors are thrown here, before anything is posted.
     *
     * @param progress receives per-descriptor completion, indexed as in {@code descriptors}
     */
    BackendTransfer prepare(TransferOp op, List<Descriptor> descriptors, TransferProgress progress);

    /**
     * Memory was registered with the agent (or was registered before this backend was attached):
     * a backend whose engine can pre-register memory (io_uring fixed buffers) may do so, and use it
     * for transfers prepared from now on. Called on the agent's control thread. Registration is an
     * optimization: memory that is not registered must still be served. Default: nothing.
     */
    default void memoryRegistered(Registration registration) {
    }

    /**
     * The registration is being closed; no prepared transfer uses its memory. The backend lets go of
     * the memory everywhere it holds it and then runs {@code released}, once: at once, or later on
     * any thread (for example on the duty cycle that lets go last). {@link Registration#close()}
     * returns, and the application may free the memory, only after every backend has run it, so the
     * memory is never still pinned by an engine when it is freed. Called on the agent's control
     * thread. Default: nothing held, {@code released} runs at once.
     */
    default void memoryDeregistering(Registration registration, Runnable released) {
        released.run();
    }

    /**
     * The components that make progress; the agent places each on a poll group once, right after the
     * backend was created, and removes them after {@link #close()}. Each is polled by one thread.
     */
    List<Component> components();

    /**
     * Closes the backend's targets and whatever the components do not own; called once no transfer
     * is in flight, before the components are closed on their threads (which then let go of what
     * the targets left behind).
     */
    @Override
    void close();
}
