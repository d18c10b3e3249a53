package io.ferry.cli;

import io.ferry.stream.ResumeRecord;
import io.ferry.testkit.FaultyTcpProxy;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code ferry send} and {@code ferry receive} processes, one of them stopped by SIGINT or SIGTERM in
 * the middle of a stream: it says so on one line and exits with 130 or 143, the other side fails, DEST does
 * not exist, and the temporary file and the resume record let {@code ferry receive --resume} finish the
 * stream without sending again what was confirmed. A proxy between them stalls one channel after a few
 * MiB, so the stream stays in the middle (held at a sync point) for as long as the test needs.
 */
@Timeout(180)
class StreamInterruptTest {
    private static final int SIZE = 24 << 20;
    private static final long CAP = 2 << 20;
    private static final String SMALL_SYNCS = "export FERRY_STREAM_SYNC_INTERVAL=1m";
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"send, INT, 130", "receive, TERM, 143"})
    void shouldStopCleanlyAndLeaveWhatAResumeNeeds(String side, String signal, int exitCode) throws Exception {
        Path source = RandomFiles.write(dir, "source.bin", SIZE);
        Path dest = dir.resolve("dest.bin");
        Path record = dir.resolve("dest.bin.ferry-resume");
        Process receiver = start("receive", "--listen", "127.0.0.1:0", "--token", "t", "--no-progress", dest.toString());
        Process sender = null;
        try (FaultyTcpProxy proxy = new FaultyTcpProxy(listening(receiver, "receive"))) {
            proxy.cap(0, CAP);
            sender = start("send", source.toString(), proxy.address().getHostString() + ":" + proxy.address().getPort(),
                    "--token", "t", "--channels", "2", "--no-progress");
            while (proxy.forwarded(0) < CAP || durable(record) == 0) {
                assertThat(sender.isAlive()).as("send ended early: %s", Files.readString(err("send"))).isTrue();
                assertThat(receiver.isAlive()).as("receive ended early: %s", Files.readString(err("receive"))).isTrue();
                LockSupport.parkNanos(10_000_000); // until the stream is held in the middle, bounded by the test's timeout
            }
            Process stopped = side.equals("send") ? sender : receiver;
            Process other = side.equals("send") ? receiver : sender;

            CliProcess.signal(signal, stopped.pid());

            assertThat(stopped.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stopped.exitValue()).as(Files.readString(err(side))).isEqualTo(exitCode);
            String said = Files.readString(err(side)).replaceFirst("listening on \\S+\\R", "");
            assertThat(said).matches(side.equals("send")
                    ? "ferry: interrupted; the stream to \\S+ was cancelled after [\\d.]+ MiB of 24\\.00 MiB; "
                    + "the receiver confirmed [\\d.]+ (B|KiB|MiB) durable \\('ferry receive --resume' continues from there\\)\n"
                    : "ferry: interrupted; the stream into " + Pattern.quote(dest.toString()) + " was cancelled after "
                    + "[\\d.]+ MiB of 24\\.00 MiB; its temporary files and " + Pattern.quote(record.toString())
                    + " stay for 'ferry receive --resume' \\([\\d.]+ MiB durable\\)\n");
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as("the other side fails").isEqualTo(1);
            if (side.equals("send")) {
                assertThat(Files.readString(err("receive"))).as("a receiver whose sender went away says what stays")
                        .containsPattern("; its temporary files and " + Pattern.quote(record.toString())
                                + " stay for 'ferry receive --resume' \\([\\d.]+ MiB durable\\)\n$")
                        .as("the sender's reset reached the held receiver; it did not wait for its idle timeout")
                        .contains("ECONNRESET").doesNotContain("received nothing for");
            }
        } finally {
            receiver.destroyForcibly();
            if (sender != null) {
                sender.destroyForcibly();
            }
        }
        assertThat(dest).as("a partial destination never looks complete").doesNotExist();
        assertThat(dir.resolve(".dest.bin.ferry-part")).exists();
        long confirmed = durable(record);
        assertThat(confirmed).isPositive();

        Process resumed = start("receive", "--listen", "127.0.0.1:0", "--token", "t", "--resume", "--no-progress",
                dest.toString());
        try {
            InetSocketAddress at = listening(resumed, "receive");
            Path out = dir.resolve("send-again.out");
            int exit = CliProcess.run(out, dir.resolve("send-again.err"), null, SMALL_SYNCS, "send", source.toString(),
                    at.getHostString() + ":" + at.getPort(), "--token", "t", "--no-progress");
            assertThat(exit).as(Files.readString(dir.resolve("send-again.err"))).isZero();
            assertThat(Files.readString(out)).contains("resumed at byte " + confirmed);
            assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(resumed.exitValue()).as(Files.readString(err("receive"))).isZero();
            assertThat(Files.readString(dir.resolve("receive.out"))).as("only what this run received is counted")
                    .startsWith("received " + (Files.size(source) - confirmed) + " bytes")
                    .contains("resumed at byte " + confirmed);
        } finally {
            resumed.destroyForcibly();
        }
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
        assertThat(record).doesNotExist();
        assertThat(dir.resolve(".dest.bin.ferry-part")).doesNotExist();
    }

    private Process start(String command, String... args) throws IOException {
        String[] line = new String[args.length + 1];
        line[0] = command;
        System.arraycopy(args, 0, line, 1, args.length);
        return CliProcess.start(dir.resolve(command + ".out"), err(command), null, SMALL_SYNCS, line);
    }

    private Path err(String command) {
        return dir.resolve(command + ".err");
    }

    /** The address a {@code ferry receive} prints once it listens. */
    private InetSocketAddress listening(Process receiver, String command) throws IOException {
        Matcher found;
        while (!(found = LISTENING.matcher(Files.readString(err(command)))).find()) {
            assertThat(receiver.isAlive()).as("receive ended early: %s", Files.readString(err(command))).isTrue();
            LockSupport.parkNanos(10_000_000); // until it listens, bounded by the test's timeout
        }
        return new InetSocketAddress(found.group(1), Integer.parseInt(found.group(2)));
    }

    /** The position the receiver recorded as durable, 0 without a record. */
    private static long durable(Path record) {
        return ResumeRecord.load(record).map(ResumeRecord::position).orElse(0L);
    }
}
