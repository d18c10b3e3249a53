package io.ferry.cli;

import io.ferry.testkit.FaultyTcpProxy;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code ferry copy} of a file into a namespace of a real {@code ferry serve}, stopped by SIGINT
 * or SIGTERM once its data flows (a proxy between them counts the bytes of the I/O queue's
 * connection): it stops at its next step, says on one line that the namespace holds part of the
 * file, and exits with 130 or 143.
 */
@Timeout(120)
class NvmeCopyInterruptTest {
    private static final String NQN = "nqn.2026-01.io.ferry:copy-interrupt";
    private static final int SIZE = 512 << 20;
    /** Bytes the I/O queue carried when the signal goes: the copy is in the middle, far from its end. */
    private static final long UNDER_WAY = 16 << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldSayTheNamespaceHoldsPartOfTheFile(String signal, int exitCode) throws Exception {
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(SIZE); // what it holds does not matter here, only that it takes a while to copy
        }
        Process serve = CliProcess.start(dir.resolve("serve.out"), dir.resolve("serve.err"), null, "", "serve",
                "--listen", "127.0.0.1:0", "--memory", (SIZE >> 20) + "m", "--nqn", NQN);
        Process copy = null;
        try (FaultyTcpProxy proxy = new FaultyTcpProxy(new InetSocketAddress("127.0.0.1",
                ServeProcess.awaitPort(serve, dir.resolve("serve.out"), dir.resolve("serve.err"))))) {
            String namespace = "nvme+tcp://127.0.0.1:" + proxy.address().getPort() + "/" + NQN + "/1";
            copy = CliProcess.start(dir.resolve("copy.out"), dir.resolve("copy.err"), null, "", "copy",
                    source.toString(), namespace, "--no-progress");
            // The admin queue connects first, then the I/O queue that carries the data.
            while (proxy.forwarded(1) < UNDER_WAY) {
                assertThat(copy.isAlive()).as("copy ended early: %s", Files.readString(dir.resolve("copy.err"))).isTrue();
                LockSupport.parkNanos(1_000_000); // until the data flows, bounded by the test's timeout
            }

            CliProcess.signal(signal, copy.pid());

            assertThat(copy.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String said = Files.readString(dir.resolve("copy.err"));
            assertThat(copy.exitValue()).as(said).isEqualTo(exitCode);
            assertThat(said).isEqualTo("ferry: interrupted; the copy of " + source + " was cancelled; " + namespace
                    + " holds part of it\n");
            assertThat(Files.readString(dir.resolve("copy.out"))).as("no summary of a copy that did not end").isEmpty();
            assertThat(serve.isAlive()).as("the target outlives its host").isTrue();
        } finally {
            if (copy != null) {
                copy.destroyForcibly();
            }
            ServeProcess.assertStopsCleanly(serve, "TERM", dir.resolve("serve.err"));
        }
    }
}
