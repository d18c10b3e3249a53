package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.settings.Settings;

/**
 * The agents of the commands. Their waits for control requests (opening an object or a namespace,
 * identify, discovery) park between polls instead of spinning, as their transfers' loops do: such a
 * wait can last as long as a slow server takes (10 s for a host that never answers an NVMe/TCP
 * connection), and a spinning wait held a core for all of it, on machines where the server often
 * needs that core.
 */
final class CliAgents {
    private CliAgents() {
    }

    static Agent create(Settings settings) {
        return Agent.builder().settings(settings).idleStrategy(new BackoffIdleStrategy()).build();
    }

    static Agent create() {
        return create(Settings.fromEnvironment());
    }
}
