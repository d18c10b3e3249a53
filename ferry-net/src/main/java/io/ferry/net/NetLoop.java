package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
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
    private static final int MAX_EVENTS = 256;
    /** The epoll id of the wake-up eventfd; members get ids from 1. */
    private static final int WAKE_ID = 0;
    /** The epoll id of the descriptors {@link #watch watched} only so that a wait ends. */
    private static final int WATCH_ID = -1;
    private static final int EINPROGRESS = 115;

    private final String name;
    private final Consumer<Throwable> errorHandler;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = LibC.newErrnoState(arena);
    /** Memory of wakeup(), called from any thread: freed by the collector, so a wake-up racing close() never meets a closed arena. */
    private final Arena wakeArena = Arena.ofAuto();
    private final MemorySegment wakeErrno = LibC.newErrnoState(wakeArena);
    private final MemorySegment wakeScratch = wakeArena.allocate(8, 8);
    private final MemorySegment events = arena.allocate((long) MAX_EVENTS * Epoll.EVENT_SIZE, 8);
    private final MemorySegment timespec = arena.allocate(16, 8);
    private final MemorySegment scratch = arena.allocate(64, 8);
    private final MemorySegment sockaddr = arena.allocate(Sockets.SOCKADDR_SIZE, 8);
    private final MemorySegment iovecs = arena.allocate(OutboundQueue.iovecArraySize(), 8);
    private final MemorySegment msghdr = arena.allocate(Sockets.msghdrSize(), 8);
    private final int epfd;
    private final int wakeFd;
    private final TimerQueue timers = new TimerQueue();
    /** Made once: a method reference written in poll() would be a new object every cycle. */
    private final Consumer<Throwable> reporter = this::report;
    private final int[] stateCounts = new int[ConnectionState.values().length];
    private final MemberTable members = new MemberTable();
    private Connection[] dirty = new Connection[16];
    private int dirtyCount;
    private int pendingEvents;
    private long errorCount;
    private boolean closed;
    private volatile boolean waiting;
    private volatile boolean signalled;

    private NetLoop(String name, Consumer<Throwable> errorHandler) {
        this.name = Objects.requireNonNull(name, "name");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        int ep = Epoll.create(errno);
        if (ep < 0) {
            arena.close();
            throw Errno.failure("epoll_create1", name, -ep);
        }
        int wake = Epoll.eventfd(errno);
        if (wake < 0 || Epoll.add(errno, ep, wake, Epoll.EPOLLIN, WAKE_ID, scratch) < 0) {
            int error = wake < 0 ? -wake : LibC.errno(errno);
            LibC.close(errno, ep);
            arena.close();
            throw Errno.failure("eventfd", name, error);
        }
        epfd = ep;
        wakeFd = wake;
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
        int fd = Sockets.socket(errno, address.getAddress() instanceof java.net.Inet4Address ? Sockets.AF_INET : Sockets.AF_INET6);
        if (fd < 0) {
            throw Errno.failure("socket", "connecting to " + SocketAddresses.describe(address), -fd);
        }
        Connection connection;
        try {
            connection = new Connection(this, fd, address, handler, options, true);
        } catch (RuntimeException e) {
            LibC.close(errno, fd);
            throw e;
        }
        Sockets.setNoDelay(errno, fd, scratch);
        int length = Sockets.encode(address, sockaddr);
        int result = Sockets.connect(errno, fd, sockaddr.address(), length);
        members.add(connection);
        if (result < 0 && result != -EINPROGRESS) {
            connection.opening().failLater(new FerryException(ErrorCode.IO_ERROR, "cannot connect to " + SocketAddresses.describe(address) + ": "
                    + Errno.name(-result), -result, null));
        }
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
        members.add(connection);
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
        members.add(listener);
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
        int ready = pendingEvents;
        pendingEvents = 0;
        if (ready == 0) {
            ready = Epoll.await(errno, epfd, events, MAX_EVENTS, 0, timespec);
        }
        if (ready < 0) {
            if (ready != -Errno.EINTR) {
                report(Errno.failure("epoll_wait", name, -ready));
            }
            ready = 0;
        }
        for (int i = 0; i < ready; i++) {
            dispatch(Epoll.data(events, i), Epoll.events(events, i));
        }
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
        long waitNs = Math.min(timeoutNs, timers.untilNextNs());
        if (waitNs <= 0 || pendingEvents > 0) {
            return;
        }
        waiting = true;
        if (signalled) {
            waiting = false;
            signalled = false;
            return;
        }
        int ready = Epoll.await(errno, epfd, events, MAX_EVENTS, waitNs, timespec);
        waiting = false;
        signalled = false;
        pendingEvents = Math.max(ready, 0);
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
        if (Epoll.add(errno, epfd, fd, Epoll.EPOLLIN, WATCH_ID, scratch) < 0) {
            LOG.log(System.Logger.Level.WARNING, Errno.failure("epoll_ctl(ADD)", name + ", fd " + fd, LibC.errno(errno))
                    .getMessage() + ": its completions are found by polling only");
            return false;
        }
        return true;
    }

    /** Stops {@link #watch watching} {@code fd}; nothing when the loop is closed. Owner thread only. */
    public void unwatch(int fd) {
        if (!closed) {
            Epoll.remove(errno, epfd, fd, scratch);
        }
    }

    /** Ends a wait in progress, or makes the next one return at once; a system call only when the loop waits. Any thread. */
    @Override
    public void wakeup() {
        signalled = true;
        if (waiting) {
            Epoll.signal(wakeErrno, wakeFd, wakeScratch);
        }
    }

    private void dispatch(long data, int ready) {
        int id = (int) data;
        if (id == WAKE_ID) {
            Epoll.drain(errno, wakeFd, scratch);
            return;
        }
        if (id == WATCH_ID) {
            return; // the source's owner reaps it in its own poll
        }
        Selectable member = members.member(data);
        if (member != null) {
            member.onReady(ready);
        }
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

    /** Sets the epoll interest of a member (added on first use). */
    void watch(Selectable member, int interest) {
        long data = members.epollData(member);
        int result = member.watched
                ? Epoll.modify(errno, epfd, member.fd(), interest, data, scratch)
                : Epoll.add(errno, epfd, member.fd(), interest, data, scratch);
        member.watched = true;
        if (result < 0) {
            member.abort(Errno.failure("epoll_ctl", member.toString(), -result));
        }
    }

    /** A member closed: its id is free again, and events still pending for it are ignored. */
    void forget(Selectable member) {
        members.remove(member);
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
        members.abortAll(cause);
        closed = true;
        LibC.close(errno, wakeFd);
        LibC.close(errno, epfd);
        arena.close();
    }

    @Override
    public String toString() {
        return "NetLoop[" + name + ", open " + stateCounts[ConnectionState.OPEN.ordinal()] + "]";
    }
}
