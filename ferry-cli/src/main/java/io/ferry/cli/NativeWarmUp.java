package io.ferry.cli;

import java.util.List;

/**
 * Links the system calls a command is about to make on a second core while picocli reads the command
 * line on the first: Java's foreign function API spins a class for each call shape on first use,
 * about 70 ms for the network's 19 shapes, which a one-shot command would otherwise spend before its
 * first byte. A binding that fails to load here fails again, with its cause, where it is used.
 */
final class NativeWarmUp {
    private static final List<String> BINDINGS = List.of("io.ferry.internal.linux.LibC", "io.ferry.internal.linux.Epoll",
            "io.ferry.internal.linux.Sockets");

    private NativeWarmUp() {
    }

    /** Starts linking on a daemon thread, unless {@code args} only ask for the version or help. */
    static void start(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return;
        }
        Thread.ofPlatform().daemon().name("ferry-warm-up").start(NativeWarmUp::link);
    }

    private static void link() {
        for (String binding : BINDINGS) {
            try {
                Class.forName(binding, true, NativeWarmUp.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return;
            }
        }
    }
}
