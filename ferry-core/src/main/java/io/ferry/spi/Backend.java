package io.ferry.spi;

import io.ferry.Descriptor;
import io.ferry.Pollable;
import io.ferry.Target;
import io.ferry.TransferOp;

import java.util.List;

/**
 * Turns the descriptors of a transfer into engine operations and completes them. A backend does
 * its work only inside the {@link Pollable}s it exposes; it never starts a thread.
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

    /** The duty cycles that make progress; each is polled by one thread at a time. */
    List<Pollable> pollables();

    /** Closes the backend and its targets; called once no transfer is in flight. */
    @Override
    void close();
}
