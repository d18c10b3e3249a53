package io.ferry;

import io.ferry.poll.Component;
import io.ferry.poll.IdleStrategy;
import io.ferry.poll.Placement;
import io.ferry.poll.PollGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where an agent's components live and how a control call waits for them, for each
 * {@link ThreadingMode}: the agent's own group polled by the caller, or groups driven by others.
 */
abstract sealed class PollGroups {
    private static final long PARK_STEP_NS = 1_000_000L;

    static PollGroups invoker(PollGroup group, IdleStrategy idle) {
        return new Invoker(group, idle);
    }

    static PollGroups driven(List<PollGroup> groups, Placement placement) {
        return new Driven(groups, placement);
    }

    /** Whether the caller drives the agent: a waiting thread then polls instead of parking. */
    abstract boolean drivenByCaller();

    /** One poll of the caller's group, then its idle strategy; only when {@link #drivenByCaller()}. */
    void driveOnce() {
        throw new IllegalStateException("poll groups drive this agent");
    }

    /** Places a backend's component. */
    abstract void place(Component component);

    /** How many poll groups drive the agent. */
    abstract int count();

    /** The caller's group, or a refusal naming {@code action} when others drive the agent. */
    abstract PollGroup invokerGroup(String action);

    /** Waits until {@code done}, driving or waiting as the mode asks; fails after {@code timeout}. */
    abstract void awaitUntil(BooleanSupplier done, Duration timeout, String what);

    /** Closes the components on their owners' threads and returns once they are closed. */
    abstract void release(List<Component> components);

    static FerryException timedOut(Duration timeout, String what) {
        return new FerryException(ErrorCode.TIMED_OUT, "waited " + timeout.toSeconds() + " s for " + what);
    }

    private static final class Invoker extends PollGroups {
        private final PollGroup group;
        private final IdleStrategy idle;

        Invoker(PollGroup group, IdleStrategy idle) {
            this.group = group;
            this.idle = idle;
        }

        @Override
        boolean drivenByCaller() {
            return true;
        }

        @Override
        void driveOnce() {
            idle.idle(group.poll(), group.waiter());
        }

        @Override
        void place(Component component) {
            group.addNow(component);
        }

        @Override
        int count() {
            return 1;
        }

        @Override
        PollGroup invokerGroup(String action) {
            return group;
        }

        @Override
        void awaitUntil(BooleanSupplier done, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            idle.reset();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut(timeout, what);
                }
                driveOnce();
            }
        }

        @Override
        void release(List<Component> components) {
            group.close();
        }
    }

    private static final class Driven extends PollGroups {
        private final List<PollGroup> groups;
        private final Placement placement;
        private final List<PollGroup> placedOn = new ArrayList<>();
        private final List<Component> placed = new ArrayList<>();

        Driven(List<PollGroup> groups, Placement placement) {
            this.groups = groups;
            this.placement = placement;
        }

        @Override
        boolean drivenByCaller() {
            return false;
        }

        @Override
        int count() {
            return groups.size();
        }

        @Override
        void place(Component component) {
            PollGroup group = placement.choose(groups, component);
            awaitUntil(() -> group.offer(component), Agent.CONTROL_TIMEOUT, "room in the inbox of poll group " + group.name());
            placedOn.add(group);
            placed.add(component);
        }

        @Override
        PollGroup invokerGroup(String action) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "cannot " + action + ": poll groups drive this agent "
                    + "(ThreadingMode.POLL_GROUPS); await transfers instead");
        }

        @Override
        void awaitUntil(BooleanSupplier done, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timedOut(timeout, what);
                }
                LockSupport.parkNanos(this, Math.min(left, PARK_STEP_NS));
            }
        }

        @Override
        void release(List<Component> components) {
            AtomicInteger left = new AtomicInteger();
            for (int i = 0; i < placed.size(); i++) {
                PollGroup group = placedOn.get(i);
                Component component = placed.get(i);
                if (!components.contains(component)) {
                    continue;
                }
                left.incrementAndGet();
                awaitUntil(() -> askToRemove(group, component, left), Agent.CONTROL_TIMEOUT,
                        "room in the inbox of poll group " + group.name());
            }
            awaitUntil(() -> left.get() == 0, Agent.CONTROL_TIMEOUT, "poll groups to close the agent's components");
        }

        /** Hands the removal over; a group that closed meanwhile has closed the component itself. */
        private static boolean askToRemove(PollGroup group, Component component, AtomicInteger left) {
            try {
                if (!group.isClosed()) {
                    return group.remove(component, left::decrementAndGet);
                }
            } catch (FerryException closedMeanwhile) {
                // closed between the check and the hand-over: it closed the component
            }
            left.decrementAndGet();
            return true;
        }
    }
}
