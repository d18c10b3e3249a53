package io.ferry.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The one line a transfer command prints when it is done: bytes, time, rate and retries. */
final class Summary {
    private Summary() {
    }

    static void print(CommandSpec spec, String verb, long bytes, String where, long startNs, long retries) {
        double seconds = (System.nanoTime() - startNs) / 1e9;
        spec.commandLine().getOut().printf("%s %d bytes (%s) %s in %.2f s, %.2f GB/s, %d %s%n", verb, bytes,
                Units.binary(bytes), where, seconds, bytes / 1e9 / seconds, retries, retries == 1 ? "retry" : "retries");
    }
}
