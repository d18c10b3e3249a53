package io.ferry;

/**
 * Who drives an agent's components, chosen once when the agent is built (as Aeron's
 * ThreadingMode): it never changes while the agent lives.
 */
public enum ThreadingMode {
    /**
     * The caller drives everything: {@link Agent#poll()} (from the application's own loop) or a
     * blocking convenience such as {@link Transfer#await()} polls the agent's one poll group on the
     * calling thread. Nothing else ever polls it.
     */
    INVOKER,
    /**
     * The agent's components live on poll groups that others drive (a runtime's threads, or the
     * application's own): {@link Agent#poll()} is refused and {@link Transfer#await()} waits for them.
     */
    POLL_GROUPS
}
