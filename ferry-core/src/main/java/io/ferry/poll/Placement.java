package io.ferry.poll;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which poll group takes a new component (a backend's shard, a connection a listener accepted).
 * Implementations are called from the thread that places the component and may be called from
 * several threads at once.
 */
@FunctionalInterface
public interface Placement {
    /** The group, among {@code groups} (never empty), that takes {@code component}. */
    PollGroup choose(List<PollGroup> groups, Component component);

    /** The groups in turn, starting with the first: the default, as SPDK spreads new queue pairs. */
    static Placement roundRobin() {
        AtomicInteger next = new AtomicInteger();
        return (groups, component) -> groups.get(Math.floorMod(next.getAndIncrement(), groups.size()));
    }
}
