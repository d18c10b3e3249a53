package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code ferry receive} processes into one DEST: the second is refused at once, naming the first,
 * instead of making the first's temporary file anew under it; once the first is gone (even by SIGKILL,
 * which leaves its lock file behind) another receive takes DEST over and completes.
 */
@Timeout(180)
class ReceiveLockTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondReceiverIntoTheSameDestination() throws Exception {
        Path source = RandomFiles.write(dir, "source.bin", 3 << 20);
        Path dest = dir.resolve("dest.bin");
        Process first = receive(dest, "first");
        try {
            String port = listening(first, "first");
            int exit = CliProcess.run(dir.resolve("second.out"), dir.resolve("second.err"), null, "", "receive",
                    "--listen", "127.0.0.1:0", "--token", "t", "--no-progress", dest.toString());
            assertThat(exit).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("second.err"))).matches("ferry: " + Pattern.quote(dest.toString())
                    + " is being received by another process \\(pid \\d+\\); it holds "
                    + Pattern.quote(dest + ".ferry-resume.lock") + "\\R");
            assertThat(first.isAlive()).as("the first receiver goes on").isTrue();
            assertThat(port).isNotEmpty();
        } finally {
            first.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(dir.resolve("dest.bin.ferry-resume.lock")).as("left by a killed receiver").exists();

        Process third = receive(dest, "third");
        try {
            String port = listening(third, "third");
            int exit = CliProcess.run(dir.resolve("send.out"), dir.resolve("send.err"), null, "", "send", source.toString(),
                    "127.0.0.1:" + port, "--token", "t", "--no-progress");
            assertThat(exit).as(Files.readString(dir.resolve("send.err"))).isZero();
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(third.exitValue()).as(Files.readString(dir.resolve("third.err"))).isZero();
        } finally {
            third.destroyForcibly();
        }
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
        assertThat(dir.resolve("dest.bin.ferry-resume.lock")).as("removed by a receiver that ends").doesNotExist();
    }

    private Process receive(Path dest, String name) throws IOException {
        return CliProcess.start(dir.resolve(name + ".out"), dir.resolve(name + ".err"), null, "", "receive", "--listen",
                "127.0.0.1:0", "--token", "t", "--no-progress", dest.toString());
    }

    /** The port a {@code ferry receive} prints once it listens. */
    private String listening(Process receiver, String name) throws IOException {
        Matcher found;
        while (!(found = LISTENING.matcher(Files.readString(dir.resolve(name + ".err")))).find()) {
            assertThat(receiver.isAlive()).as("%s ended early: %s", name, Files.readString(dir.resolve(name + ".err")))
                    .isTrue();
            LockSupport.parkNanos(10_000_000); // until it listens, bounded by the test's timeout
        }
        return found.group(2);
    }
}
