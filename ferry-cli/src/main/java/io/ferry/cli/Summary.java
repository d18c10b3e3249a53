package io.ferry.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * The one line a transfer command prints when it is done: bytes, where, time and rate, then what
 * the command adds (retries, verification). It goes to stdout, or to stderr when the data went to
 * standard output, so that it never mixes with the bytes.
 */
final class Summary {
    private Summary() {
    }

    static void print(CommandSpec spec, boolean dataOnStandardOutput, String verb, long bytes, String where, long startNs,
                      String tail) {
        PrintWriter out = dataOnStandardOutput ? spec.commandLine().getErr() : spec.commandLine().getOut();
        double seconds = (System.nanoTime() - startNs) / 1e9;
        out.printf("%s %d bytes (%s) %s in %.2f s, %s%s%n", verb, bytes, Units.binary(bytes), where, seconds,
                Units.rate(bytes / seconds), tail);
        out.flush();
    }

    /** {@code , 3 retries}. */
    static String retries(long retries) {
        return ", " + retries + (retries == 1 ? " retry" : " retries");
    }
}
