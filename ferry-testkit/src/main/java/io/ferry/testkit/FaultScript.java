package io.ferry.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The faults a {@link FaultyHttpServer} injects. One-shot faults queued with {@link #next} are
 * used once each, in order: a request takes the first queued fault that matches it (see
 * {@link Fault#on}), so a queued HEAD fault waits for a HEAD while GETs pass. When no queued
 * fault matches, the first matching {@link #always} fault applies. Thread-safe; methods chain.
 */
public final class FaultScript {
    private final List<Fault> queued = new ArrayList<>();
    private final List<Fault> persistent = new ArrayList<>();

    FaultScript() {
    }

    /** Queues a fault for the next matching request. */
    public synchronized FaultScript next(Fault fault) {
        queued.add(fault);
        return this;
    }

    /** Queues the same fault for the next {@code times} matching requests. */
    public synchronized FaultScript next(int times, Fault fault) {
        for (int i = 0; i < times; i++) {
            queued.add(fault);
        }
        return this;
    }

    /** Applies a fault to every matching request (that no queued fault takes) until {@link #clear()}. */
    public synchronized FaultScript always(Fault fault) {
        persistent.add(fault);
        return this;
    }

    /** Forgets every queued and persistent fault. */
    public synchronized FaultScript clear() {
        queued.clear();
        persistent.clear();
        return this;
    }

    /** The queued faults not used yet. */
    public synchronized int pending() {
        return queued.size();
    }

    /**
     * The fault for this request, consuming it if queued; null when the request is answered
     * normally. {@code reusedConnection}: the request is not the first on its connection.
     */
    synchronized Fault take(String method, String path, boolean reusedConnection) {
        for (Iterator<Fault> faults = queued.iterator(); faults.hasNext(); ) {
            Fault fault = faults.next();
            if (fault.matches(method, path, reusedConnection)) {
                faults.remove();
                return fault;
            }
        }
        return persistent.stream().filter(fault -> fault.matches(method, path, reusedConnection)).findFirst().orElse(null);
    }
}
