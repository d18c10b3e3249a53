package io.ferry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry serve} as a child process (see {@link CliProcess}): where it listens, and a clean stop by signal. */
final class ServeProcess {
    /** The last line {@code ferry serve} prints when it starts: once it is there, all of them are. */
    private static final Pattern PORT = Pattern.compile("nvme connect -t tcp -a 127\\.0\\.0\\.1 -s (\\d+) -n \\S+\\n");

    private ServeProcess() {
    }

    /** The port {@code serve} listens on, once it printed it to {@code out}; fails the test if it ends first. */
    static int awaitPort(Process serve, Path out, Path err) throws Exception {
        while (true) {
            Matcher port = PORT.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
            assertThat(serve.isAlive()).as("ferry serve ended early: %s", Files.readString(err)).isTrue();
            LockSupport.parkNanos(20_000_000); // until it prints where it listens, bounded by the test's timeout
        }
    }

    /** Sends {@code signal} and checks that ferry serve ends with exit code 0. */
    static void assertStopsCleanly(Process serve, String signal, Path err) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(serve.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("ferry serve ended").isTrue();
        assertThat(serve.exitValue()).as(Files.readString(err)).isZero();
    }
}
