package io.ferry.spi;

/**
 * The minimal interface over one low-level I/O primitive (positional read/write, io_uring, Linux
 * AIO, ...). It moves bytes between a file descriptor and native memory and nothing more:
 * splitting, retries, short transfers, alignment and bounce buffers are the backend's work.
 *
 * <p>An operation is enqueued, then handed to the engine by {@link #submit()}, then reaped by
 * {@link #reap}. An engine may accept fewer operations than are enqueued: the rest stay enqueued,
 * in order, and are offered again by the next {@code submit()}. That is a normal outcome, not an
 * error. Results are reported raw: a short count is a short count, {@code -EINTR} is
 * {@code -EINTR}. A queue is owned by one thread.
 */
public interface IoQueue extends AutoCloseable {
    /** Opcode: read from the file into memory. */
    int READ = 0;
    /** Opcode: write from memory to the file. */
    int WRITE = 1;

    /** How many operations may be outstanding at once (enqueued, submitted and not yet reaped). */
    int capacity();

    /**
     * Adds one operation to the batch for the next submit.
     *
     * @param address native address of {@code length} bytes that stay valid until reaped
     * @return false, adding nothing, when {@link #capacity()} operations are outstanding
     */
    boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, long userData);

    /**
     * Like {@link #enqueue(int, int, long, long, int, long)} for memory that lies inside buffer
     * {@code buffer} announced by {@link #bufferRegistered}, or -1 for any other memory. An engine
     * that registered the buffer may use its pre-registered form (io_uring READ_FIXED/WRITE_FIXED);
     * any other engine, or one that could not register it, moves the bytes as for plain memory.
     */
    default boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, int buffer, long userData) {
        return enqueue(opcode, fd, fileOffset, address, length, userData);
    }

    /** Hands enqueued operations to the engine; returns how many it took, possibly 0. */
    int submit();

    /** Delivers completions that are ready, without waiting; returns how many. */
    int reap(CompletionHandler handler);

    /**
     * A descriptor that polls readable (epoll, EPOLLIN) while completions wait to be reaped, so that a
     * thread with nothing else to do can sleep in epoll until one arrives instead of waking to look; -1
     * when the queue has none. Owned by the queue (never closed by the caller) and valid until
     * {@link #close()}; a thread that cannot watch it must not sleep long with operations outstanding.
     */
    default int readyFd() {
        return -1;
    }

    /**
     * A file the backend will issue I/O on, so that an engine can register it (io_uring fixed
     * files). Called on the queue's thread before the first operation on {@code fd}; an engine may
     * ignore it, and must still accept operations on files it did not register.
     */
    default void fileOpened(int fd) {
    }

    /**
     * The file is being closed: forget any registration of {@code fd}. Called on the queue's
     * thread; no operation on {@code fd} is outstanding, and the descriptor stays open until every
     * queue has been told, so its number cannot be reused meanwhile.
     */
    default void fileClosing(int fd) {
    }

    /**
     * Native memory the backend may name as {@code buffer} in operations, so that an engine can
     * pre-register it (io_uring fixed buffers). {@code buffer} is a small number, not in use by
     * another buffer of this queue. Called on the queue's thread; an engine may ignore it or fail to
     * register the memory, and must still accept operations on it.
     */
    default void bufferRegistered(int buffer, long address, long length) {
    }

    /**
     * Forget buffer {@code buffer}: no operation naming it is outstanding, and once this returns the
     * engine holds no pin or mapping of its memory, which the application may then free. The number
     * may be announced again, for other memory. Called on the queue's thread.
     */
    default void bufferDeregistering(int buffer) {
    }

    /**
     * How this queue's I/Os used registered buffers and files so far, for diagnostics; read on the
     * queue's thread, or after the transfers concerned completed. Engines without registration
     * count nothing.
     */
    default RegisteredIo registeredIo() {
        return RegisteredIo.NONE;
    }

    /** Releases the engine's resources; only once every submitted operation was reaped. Idempotent. */
    @Override
    void close();
}
