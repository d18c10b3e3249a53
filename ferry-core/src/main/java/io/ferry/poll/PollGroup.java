package io.ferry.poll;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.BoundedMpscQueue;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A set of components polled by one thread at a time, as SPDK's poll group: the passive part that
 * any loop can drive. Each {@link #poll()} first applies what other threads handed over through the
 * bounded inbox (components to add or remove, messages to run), a limited batch per cycle, then
 * polls every component once. What a component throws goes to the {@link ErrorHandler} and a
 * counter; the cycle goes on. When the cycle found nothing to do, the owner idles in
 * {@link #waiter()}: the group's network loop once a component installed one, otherwise a parking
 * waiter; a hand-off wakes it.
 *
 * <p>Threads: {@link #offer}, {@link #remove}, {@link #execute}, {@link #wakeup()} and the
 * counters may be called from any thread. Everything else belongs to the owner: the thread that
 * polls the group (a runtime's thread, or an application's own loop). Components are started,
 * polled and closed on it.
 */
public final class PollGroup {
    /** The inbox capacity of {@link #PollGroup(String)}. */
    public static final int DEFAULT_INBOX_CAPACITY = 1024;
    private static final int DRAIN_LIMIT = 64;

    private sealed interface Change permits Add, Remove, Message {
    }

    private record Add(Component component) implements Change {
    }

    private record Remove(Component component, Runnable removed) implements Change {
    }

    private record Message(Runnable action) implements Change {
    }

    private final String name;
    private final ErrorHandler errorHandler;
    private final BoundedMpscQueue<Change> inbox;
    private final Consumer<Change> applier = this::apply;
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong dutyCycles = new AtomicLong();
    private Component[] components = new Component[4];
    private int count;
    private volatile Waiter waiter = new ParkingWaiter();
    private boolean waiterInstalled;
    private volatile boolean closed;

    /** A group with the default inbox and an error handler that logs. */
    public PollGroup(String name) {
        this(name, DEFAULT_INBOX_CAPACITY, ErrorHandler.logging());
    }

    /**
     * A group with a bounded inbox and its own error handler.
     *
     * @param name          for diagnostics and the name of a thread that drives it
     * @param inboxCapacity hand-offs that may wait for the owner (rounded up to a power of two)
     * @param errorHandler  receives what components throw or report, on the owner's thread
     */
    public PollGroup(String name, int inboxCapacity, ErrorHandler errorHandler) {
        this.name = Objects.requireNonNull(name, "name");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        if (inboxCapacity < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the inbox of a poll group needs room for at least 1 change: "
                    + inboxCapacity);
        }
        this.inbox = new BoundedMpscQueue<>(inboxCapacity);
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /**
     * Hands a component to the group: the owner starts it and polls it from its next cycle on, until
     * removed or the group closes. Any thread.
     *
     * @return false when the inbox is full (the caller may retry once the owner drained it)
     * @throws FerryException {@link ErrorCode#CLOSED} when the group is closed
     */
    public boolean offer(Component component) {
        return handOver(new Add(Objects.requireNonNull(component, "component")));
    }

    /**
     * Asks the owner to stop polling {@code component}, close it and then run {@code removed} (on the
     * owner's thread). Removing one the group does not own just runs {@code removed}. Any thread.
     *
     * @return false when the inbox is full
     */
    public boolean remove(Component component, Runnable removed) {
        return handOver(new Remove(Objects.requireNonNull(component, "component"), Objects.requireNonNull(removed, "removed")));
    }

    /**
     * Runs {@code message} on the owner's thread in its next cycle, in order with other hand-offs.
     * What it throws goes to the error handler. Any thread.
     *
     * @return false when the inbox is full
     */
    public boolean execute(Runnable message) {
        return handOver(new Message(Objects.requireNonNull(message, "message")));
    }

    private boolean handOver(Change change) {
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "poll group " + name + " is closed");
        }
        if (!inbox.offer(change)) {
            return false;
        }
        waiter.wakeup();
        return true;
    }

    /** Ends a wait of the owner, or makes its next one return at once, so it polls again soon. Any thread. */
    public void wakeup() {
        waiter.wakeup();
    }

    /**
     * One duty cycle: applies at most a batch of hand-offs, then polls every component once. Never
     * throws what a component throws. Owner thread.
     *
     * @return the work done, 0 when there was nothing to do
     */
    public int poll() {
        int work = inbox.hasNext() ? inbox.drain(applier, DRAIN_LIMIT) : 0;
        Component[] polled = components;
        for (int i = 0; i < count; i++) {
            try {
                work += polled[i].poll();
            } catch (Throwable error) {
                reportError(error);
            }
        }
        dutyCycles.setRelease(dutyCycles.getPlain() + 1);
        return work;
    }

    private void apply(Change change) {
        switch (change) {
            case Add add -> start(add.component());
            case Remove remove -> {
                int index = indexOf(remove.component());
                if (index >= 0) {
                    System.arraycopy(components, index + 1, components, index, count - index - 1);
                    components[--count] = null;
                    closeQuietly(remove.component());
                }
                remove.removed().run();
            }
            case Message message -> message.action().run();
        }
    }

    /**
     * Adds and starts a component now; for the owner, which may add on its own thread without the
     * inbox (a component starting a service it needs, such as the network loop).
     */
    public void addNow(Component component) {
        start(Objects.requireNonNull(component, "component"));
    }

    private void start(Component component) {
        if (indexOf(component) >= 0) {
            return;
        }
        if (count == components.length) {
            components = Arrays.copyOf(components, count * 2);
        }
        try {
            component.onStart(this);
        } catch (Throwable e) {
            reportError(e);
            closeQuietly(component);
            return;
        }
        components[count++] = component;
        watch(component);
    }

    /**
     * Lets the component's completions end the group's waits once a waiter that can watch descriptors
     * is installed; the parking one cannot, and asking for the descriptor may cost the component (an
     * eventfd for libaio), so it is not asked then.
     */
    private void watch(Component component) {
        int fd = waiterInstalled ? component.readyFd() : -1;
        if (fd >= 0) {
            waiter.watch(fd);
        }
    }

    private int indexOf(Component component) {
        for (int i = 0; i < count; i++) {
            if (components[i] == component) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the group polls {@code component} now. Owner thread. */
    public boolean contains(Component component) {
        return indexOf(component) >= 0;
    }

    /** Where the owner idles: the group's network loop once one is installed, otherwise a parking waiter. */
    public Waiter waiter() {
        return waiter;
    }

    /**
     * Makes {@code replacement} the group's one place to wait; for the network loop of the group.
     * A wake-up that raced with the change is passed on, and the components' completion descriptors
     * ({@link Component#readyFd()}) are watched by it from now on. Owner thread, once.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when a waiter was installed already
     */
    public void installWaiter(Waiter replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (waiterInstalled) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "poll group " + name + " already has a waiter: " + waiter);
        }
        waiterInstalled = true;
        waiter = replacement;
        for (int i = 0; i < count; i++) {
            watch(components[i]);
        }
        replacement.wakeup();
    }

    /** Counts an error of a component and hands it to the error handler. Owner thread. */
    public void reportError(Throwable error) {
        errorCount.setRelease(errorCount.getPlain() + 1);
        try {
            errorHandler.onError(error);
        } catch (Throwable handlerFailure) {
            System.getLogger(PollGroup.class.getName()).log(System.Logger.Level.ERROR,
                    "the error handler of poll group " + name + " failed on: " + error, handlerFailure);
        }
    }

    /** Errors thrown or reported by components since the group was made. Any thread. */
    public long errorCount() {
        return errorCount.getAcquire();
    }

    /** Duty cycles run. Any thread. */
    public long dutyCycles() {
        return dutyCycles.getAcquire();
    }

    /** Whether the group has been closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the group on its owner's thread (or once no thread drives it any more): components
     * still handed over are started, then every component is closed, newest first, then hand-offs
     * still waiting are applied and refused from now on. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (inbox.hasNext()) {
            inbox.drain(applier, Integer.MAX_VALUE);
        }
        for (int i = count - 1; i >= 0; i--) {
            closeQuietly(components[i]);
            components[i] = null;
        }
        count = 0;
    }

    private void closeQuietly(Component component) {
        try {
            component.onClose();
        } catch (Throwable e) {
            reportError(e);
        }
    }

    @Override
    public String toString() {
        return "PollGroup[" + name + ", " + count + " components, cycles " + dutyCycles() + ", errors " + errorCount() + "]";
    }
}
