package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;
import io.ferry.poll.Waiter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The network loop of one poll group: every connection, listener and timer of the components on
 * that group lives here, watched by one epoll instance. A passive duty cycle: {@link #poll()}
 * handles what is ready without blocking; {@link #await(long)} is the group's one place to wait
 * (sockets, timers and {@link #wakeup()} end it). Pieces queued for sending during a cycle leave
 * together when it ends, so a burst of replies costs one gathering write per connection.
 *
 * <p>Callbacks (handlers, timer actions) run on the loop's thread inside {@code poll()}; what they
 * throw closes the connection concerned or goes to the loop's error handler, never out of
 * {@code poll()}. Nothing a caller starts calls back before the next poll: a connection made or
 * adopted is started by the loop.
 *
 * <p>Threads: owned by one thread at a time (the poll group's); only {@link #wakeup()} may be called
 * from any thread.
 */
public final class NetLoop implements Component, Waiter, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NetLoop.class.getName());

    private final String name;
    private final Consumer<Throwable> errorHandler;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = LibC.newErrnoState(arena);
    private final MemorySegment scratch = arena.allocate(64, 8);
    private final MemorySegment sockaddr = arena.allocate(Sockets.SOCKADDR_SIZE, 8);
    private final MemorySegment iovecs = arena.allocate(OutboundQueue.iovecArraySize(), 8);
    private final MemorySegment msghdr = arena.allocate(Sockets.msghdrSize(), 8);
    private final EpollSelector selector;
    private final TimerQueue timers = new TimerQueue();
    /** Made once: a method reference written in poll() would be a new object every cycle. */
    private final Consumer<Throwable> reporter = this::report;
    private final int[] stateCounts = new int[ConnectionState.values().length];
    private Connection[] dirty = new Connection[16];
    private int dirtyCount;
    private long errorCount;
    private boolean closed;

    private NetLoop(String name, Consumer<Throwable> errorHandler) {
        this.name = Objects.requireNonNull(name, "name");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        try {
            selector = new EpollSelector(name, arena, errno, scratch);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** A loop whose callbacks' failures are logged at WARNING. */
    public static NetLoop open(String name) {
        return new NetLoop(name, error -> LOG.log(System.Logger.Level.WARNING, "network loop " + name + ": " + error, error));
    }

    /** A loop that hands what callbacks throw (outside a connection's own handler) to {@code errorHandler}, on its thread. */
    public static NetLoop open(String name, Consumer<Throwable> errorHandler) {
        return new NetLoop(name, errorHandler);
    }

    /**
     * The network loop of {@code group}: the one it has, or a new one that becomes the group's
     * waiter and component (polled every cycle, closed with the group). Its callbacks' failures go
     * to the group's error handler. Owner thread of the group, typically from a component's
     * {@link Component#onStart(PollGroup)}.
     */
    public static NetLoop of(PollGroup group) {
        if (group.waiter() instanceof NetLoop loop) {
            return loop;
        }
        NetLoop loop = new NetLoop("net-" + group.name(), group::reportError);
        group.installWaiter(loop);
        group.addNow(loop);
        return loop;
    }

    @Override
    public String name() {
        return name;
    }

    /** The group closes: see {@link #close()}. */
    @Override
    public void onClose() {
        close();
    }

    /**
     * Starts a TCP connection to {@code address} (resolved) for {@code handler}. Returns at once; the
     * handler hears {@link ConnectionHandler#onConnected} or {@link ConnectionHandler#onClosed} (with
     * why the connect failed) from a later poll. Pieces may be queued before it is connected.
     */
    public Connection connect(InetSocketAddress address, ConnectionHandler handler, ConnectionOptions options) {
        checkOpen();
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot connect to an unresolved address: " + address);
        }
        Connection connection = ConnectionOpening.connect(this, address, handler, options);
        selector.add(connection);
        connection.opening().startLater();
        return connection;
    }

    /** Makes a connection of a socket accepted by any loop's listener; started by this loop's next poll. */
    public Connection adopt(AcceptedSocket socket, ConnectionHandler handler, ConnectionOptions options) {
        checkOpen();
        Connection connection;
        try {
            connection = new Connection(this, socket.fd(), socket.remote(), handler, options, false);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        selector.add(connection);
        connection.opening().startLater();
        return connection;
    }

    /**
     * Listens on {@code address} (port 0: the kernel picks one, see {@link Listener#localAddress()}).
     *
     * @throws FerryException when the address cannot be bound (in use, not local, no permission)
     */
    public Listener listen(InetSocketAddress address, AcceptHandler handler) {
        checkOpen();
        Objects.requireNonNull(handler, "handler");
        if (address.isUnresolved()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot listen on an unresolved address: " + address);
        }
        Listener listener = Listener.open(this, address, handler);
        selector.add(listener);
        listener.started();
        return listener;
    }

    /** A timer whose {@code action} runs on this loop's thread when its deadline passes. */
    public Timer timer(Runnable action) {
        return new Timer(timers, action);
    }

    /** The loop's clock: {@link System#nanoTime()} read at the start of the current cycle. */
    public long nowNs() {
        return timers.nowNs();
    }

    /**
     * Handles what is ready: queued sends, ready sockets, passed deadlines. Never blocks or throws.
     * Returns the work done (events handled, timers fired, connections flushed).
     */
    @Override
    public int poll() {
        if (closed) {
            return 0;
        }
        timers.tick();
        int work = endCycle();
        int ready = selector.selectNow();
        if (ready < 0) {
            if (ready != -Errno.EINTR) {
                report(Errno.failure("epoll_wait", name, -ready));
            }
            ready = 0;
        }
        selector.dispatch(ready);
        timers.tick();
        work += ready + timers.expire(reporter);
        return work + endCycle();
    }

    /**
     * Waits up to {@code timeoutNs} (and no longer than the next timer's deadline) for a socket to be
     * ready or for {@link #wakeup()}; the next {@link #poll()} handles what ended the wait. Queued
     * sends go out first. Owner thread only.
     */
    @Override
    public void await(long timeoutNs) {
        if (closed) {
            return;
        }
        endCycle();
        selector.await(Math.min(timeoutNs, timers.untilNextNs()));
    }

    /**
     * Makes a wait end while {@code fd} polls readable (level-triggered), for a source that completes on
     * its own and is reaped by its owner's poll, such as an I/O queue's {@code readyFd}: a thread then
     * sleeps in {@link #await} until a completion arrives instead of waking to look. The watch ends when
     * the descriptor closes, or at {@link #unwatch} (which must come before the close: the number may
     * be reused). False, with a warning, when epoll refuses the descriptor. Owner thread only.
     */
    @Override
    public boolean watch(int fd) {
        if (closed) {
            return false;
        }
        if (selector.watch(fd) < 0) {
            LOG.log(System.Logger.Level.WARNING, Errno.failure("epoll_ctl(ADD)", name + ", fd " + fd, LibC.errno(errno))
                    .getMessage() + ": its completions are found by polling only");
            return false;
        }
        return true;
    }

    /** Stops {@link #watch watching} {@code fd}; nothing when the loop is closed. Owner thread only. */
    public void unwatch(int fd) {
        if (!closed) {
            selector.unwatch(fd);
        }
    }

    /** Ends a wait in progress, or makes the next one return at once; a system call only when the loop waits. Any thread. */
    @Override
    public void wakeup() {
        selector.wakeup();
    }

    /** Flushes connections that queued sends (and starts new ones); returns how many. */
    private int endCycle() {
        int count = 0;
        for (int i = 0; i < dirtyCount; i++) {
            Connection connection = dirty[i];
            dirty[i] = null;
            connection.cycleEnded();
            count++;
        }
        dirtyCount = 0;
        return count;
    }

    void markDirty(Connection connection) {
        if (connection.dirty) {
            return;
        }
        connection.dirty = true;
        if (dirtyCount == dirty.length) {
            dirty = Arrays.copyOf(dirty, dirtyCount * 2);
        }
        dirty[dirtyCount++] = connection;
    }

    /** Sets the epoll interest of a member: {@link EpollSelector#watch(Selectable, int)}. */
    void watch(Selectable member, int interest) {
        selector.watch(member, interest);
    }

    /** A member closed: {@link EpollSelector#forget}. */
    void forget(Selectable member) {
        selector.forget(member);
    }

    void entered(ConnectionState state) {
        stateCounts[state.ordinal()]++;
    }

    void left(ConnectionState state) {
        stateCounts[state.ordinal()]--;
    }

    /** Connections of this loop now in {@code state} (CLOSED: closed since the loop was opened). */
    public int connectionCount(ConnectionState state) {
        return stateCounts[state.ordinal()];
    }

    /** Failures of callbacks and of the loop itself reported to the error handler so far. */
    public long errorCount() {
        return errorCount;
    }

    void report(Throwable error) {
        errorCount++;
        try {
            errorHandler.accept(error);
        } catch (RuntimeException handlerFailure) {
            LOG.log(System.Logger.Level.ERROR, "the error handler of network loop " + name + " failed", handlerFailure);
        }
    }

    MemorySegment errno() {
        return errno;
    }

    /** 64 bytes of scratch for socket options and lengths; the loop's thread only. */
    MemorySegment scratch() {
        return scratch;
    }

    MemorySegment sockaddr() {
        return sockaddr;
    }

    MemorySegment iovecs() {
        return iovecs;
    }

    MemorySegment msghdr() {
        return msghdr;
    }

    private void checkOpen() {
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "network loop " + name + " is closed");
        }
    }

    /**
     * Closes every connection and listener (their handlers hear {@link ErrorCode#CLOSED}), then the
     * loop. Owner thread; idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        FerryException cause = new FerryException(ErrorCode.CLOSED, "network loop " + name + " was closed");
        selector.abortAll(cause);
        closed = true;
        selector.close();
        arena.close();
    }

    @Override
    public String toString() {
        return "NetLoop[" + name + ", open " + stateCounts[ConnectionState.OPEN.ordinal()] + "]";
    }
}
