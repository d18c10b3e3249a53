package io.ferry.cli;

import java.util.List;
import java.util.Set;

/**
 * Links the system calls a command is about to make on a second core while picocli reads the command
 * line on the first: Java's foreign function API sets itself up and spins classes for a call shape
 * on first use, 60-70 ms even for the one shape our C library calls share (native-calls.md), which a
 * one-shot command would otherwise spend before its first byte. Only what the command needs: a {@code copy} linking the network too started its first
 * read 30-50 ms later on two cores, the warm-up taking the CPU its main thread needed. A binding that
 * fails to load here fails again, with its cause, where it is used.
 */
final class NativeWarmUp {
    private static final List<String> FILES = List.of("io.ferry.internal.linux.LibC");
    private static final List<String> NETWORK = List.of("io.ferry.internal.linux.LibC", "io.ferry.internal.linux.Epoll",
            "io.ferry.internal.linux.Sockets");
    /** The commands that always open connections; the others link the network where they use it. */
    private static final Set<String> NETWORK_COMMANDS = Set.of("get", "put", "send", "receive", "serve", "nvme");

    private NativeWarmUp() {
    }

    /** Starts linking on a daemon thread, unless {@code args} only ask for the version or help. */
    static void start(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return;
        }
        List<String> bindings = NETWORK_COMMANDS.contains(args[0]) ? NETWORK : FILES;
        Thread.ofPlatform().daemon().name("ferry-warm-up").start(() -> link(bindings));
    }

    private static void link(List<String> bindings) {
        for (String binding : bindings) {
            try {
                Class.forName(binding, true, NativeWarmUp.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return;
            }
        }
    }
}
