package io.ferry.cli;

import io.ferry.file.FileEngines;
import io.ferry.file.engine.AutoEngine;
import io.ferry.testkit.Requirements;
import io.ferry.testkit.SpdkTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry serve} as a real process: SPDK's tools use it, a signal stops it with exit code 0 and the file flushed. */
@Timeout(180)
class ServeCommandTest {
    private static final String NQN = "nqn.2026-01.io.ferry:cli-test";
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void shouldServeAFileToSpdkToolsAndStopCleanlyOnSignal(String signal) throws Exception {
        Requirements.spdkTools();
        Path disk = Files.write(dir.resolve("disk.img"), new byte[16 << 20]);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process serve = CliProcess.start(out, err, null, "", "serve", "--listen", "127.0.0.1:0", "--file", disk.toString(),
                "--nqn", NQN, "--poll-groups", "2");
        try {
            int port = ServeProcess.awaitPort(serve, out, err);
            String trid = "trtype:TCP adrfam:IPv4 traddr:127.0.0.1 trsvcid:" + port + " subnqn:" + NQN;
            assertThat(Files.readString(out)).contains("spdk_nvme_identify -r '" + trid + "'")
                    .contains("nvme connect -t tcp -a 127.0.0.1 -s " + port + " -n " + NQN);

            SpdkTools.Run identify = SpdkTools.run(TOOL_TIMEOUT, "spdk_nvme_identify", "--no-huge", "-s", "512", "-r", trid);
            assertThat(identify.exitCode()).as(identify.output()).isZero();
            assertThat(identify.output()).containsPattern("(?m)^Subsystem NQN:\\s+" + Pattern.quote(NQN) + "\\s*$")
                    .containsPattern("(?m)^Model Number:\\s+Ferry NVMe/TCP target\\s*$")
                    .containsPattern("(?m)^Serial Number:\\s+" + ServeCommand.serialNumber(NQN) + "\\s*$");

            SpdkTools.Run perf = SpdkTools.run(TOOL_TIMEOUT, "spdk_nvme_perf", "--no-huge", "-s", "1024", "-c", "0x2",
                    "-r", trid + " ns:1", "-q", "8", "-o", "131072", "-w", "write", "-t", "1");
            assertThat(perf.exitCode()).as(perf.output()).isZero();

            ServeProcess.assertStopsCleanly(serve, signal, err);
            assertThat(Files.readString(out)).contains("ferry serve: stopped by SIG" + signal);
            assertThat(Files.readString(err)).isEmpty();
            byte[] written = Files.readAllBytes(disk);
            assertThat(written).hasSize(16 << 20);
            assertThat(Arrays.equals(written, new byte[16 << 20])).as("the file still all zeros after perf's writes").isFalse();
        } finally {
            serve.destroyForcibly();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldLetOnlyTheHostsOfTheAllowListConnect() throws Exception {
        String allowed = "nqn.2014-08.org.example:the-only-host";
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process serve = CliProcess.start(out, err, null, "", "serve", "--listen", "127.0.0.1:0", "--memory", "16m",
                "--nqn", NQN, "--allow-host", allowed);
        try {
            int port = ServeProcess.awaitPort(serve, out, err);
            String address = "nvme+tcp://127.0.0.1:" + port + "/" + NQN + "/1";
            ChildCli other = ChildCli.run(dir, Map.of("FERRY_NVME_HOST_NQN", "nqn.2014-08.org.example:another-host"), dir,
                    "nvme", "identify", address);
            ChildCli listed = ChildCli.run(dir, Map.of("FERRY_NVME_HOST_NQN", allowed), dir, "nvme", "identify", address);

            assertThat(other.exitCode()).as(other.err()).isEqualTo(1);
            assertThat(other.err()).as("Connect refused with Invalid Host (SCT 1, SC 84h)")
                    .contains("Connect (admin queue) failed: connect: host not allowed (SCT 1 SC 0x84)");
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("namespace 1", "size      16777216 bytes");
            ServeProcess.assertStopsCleanly(serve, "TERM", err);
        } finally {
            serve.destroyForcibly();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldFailReadsPastTheEndOfAFileThatShrankAndCountThem() throws Exception {
        Path disk = Files.write(dir.resolve("disk.img"), new byte[4 << 20]);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process serve = CliProcess.start(out, err, null, "", "serve", "--listen", "127.0.0.1:0", "--file", disk.toString(),
                "--nqn", NQN);
        try {
            int port = ServeProcess.awaitPort(serve, out, err);
            assertThat(Files.readString(out)).as("an asynchronous engine by default, named")
                    .contains("file " + disk + " on " + FileEngines.resolve(FileEngines.builtins(), AutoEngine.NAME) + "\n");
            try (FileChannel shrink = FileChannel.open(disk, StandardOpenOption.WRITE)) {
                shrink.truncate(1 << 20);
            }
            Path copy = dir.resolve("copy.bin");
            CliRun read = CliRun.of("copy", "nvme+tcp://127.0.0.1:" + port + "/" + NQN + "/1", copy.toString());
            assertThat(read.exitCode()).isEqualTo(1);
            assertThat(read.err()).contains("failed: unrecovered read error (SCT 2 SC 0x81)");
            assertThat(copy).doesNotExist();
            ServeProcess.assertStopsCleanly(serve, "TERM", err);
            assertThat(Files.readString(out)).containsPattern("ferry serve: stopped by SIGTERM; \\d+ reads and writes, "
                    + "[\\d.]+ MiB moved, \\d+ device errors?\\n");
            assertThat(Files.readString(err)).as("the first is logged").containsOnlyOnce("WARN")
                    .contains(" of namespace 1 of " + NQN + " failed: EIO (input/output error); ");
        } finally {
            serve.destroyForcibly();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRefuseAnAddressInUseInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process serve = CliProcess.start(out, err, null, "", "serve", "--listen", "127.0.0.1:" + taken.getLocalPort(),
                    "--memory", "1m");
            try {
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve ends").isTrue();
                assertThat(serve.exitValue()).isEqualTo(1);
                assertThat(Files.readString(err)).as("one line, no stack trace").isEqualTo("ferry: cannot listen on 127.0.0.1:"
                        + taken.getLocalPort() + ": EADDRINUSE (address already in use)\n");
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void shouldRefuseAServeWithoutExactlyOneNamespace() {
        CliRun none = CliRun.of("serve");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--file=PATH | --memory=SIZE | --null=SIZE | --config=FILE");
        CliRun both = CliRun.of("serve", "--memory", "1m", "--null", "1m");
        assertThat(both.exitCode()).isEqualTo(2);
        CliRun badListen = CliRun.of("serve", "--memory", "1m", "--listen", "nowhere");
        assertThat(badListen.exitCode()).isEqualTo(2);
        assertThat(badListen.err()).contains("--listen: expected HOST:PORT");
        CliRun badSize = CliRun.of("serve", "--memory", "1000");
        assertThat(badSize.exitCode()).isEqualTo(2);
        assertThat(badSize.err()).contains("memory namespace: 1000 bytes is not a positive multiple of the block size 512");
    }

    @Test
    void shouldServeTheSubsystemsOfAConfigurationFile() throws Exception {
        Path disk = Files.write(dir.resolve("disk.img"), new byte[8 << 20]);
        Path config = Files.writeString(dir.resolve("serve.conf"), """
                # two subsystems on one port
                listen 127.0.0.1:0
                subsystem nqn.2026-01.io.ferry:first
                  namespace file %s block-size 4096
                  namespace memory 4m
                subsystem nqn.2026-01.io.ferry:second   # any host
                  namespace null 1g
                """.formatted(disk));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process serve = CliProcess.start(out, err, null, "", "serve", "--config", config.toString());
        try {
            ServeProcess.awaitPort(serve, out, err);
            while (!Files.readString(out).contains("-n nqn.2026-01.io.ferry:second\n")) {
                assertThat(serve.isAlive()).as(Files.readString(err)).isTrue();
                LockSupport.parkNanos(20_000_000); // the second subsystem's lines follow the first's at once
            }
            int port = ServeProcess.awaitPort(serve, out, err);
            CliRun discovery = CliRun.of("nvme", "discover", "127.0.0.1:" + port);
            CliRun second = CliRun.of("nvme", "identify", "nvme+tcp://127.0.0.1:" + port + "/nqn.2026-01.io.ferry:first/2");

            assertThat(discovery.exitCode()).as(discovery.err()).isZero();
            assertThat(discovery.out()).contains("nqn.2026-01.io.ferry:first", "nqn.2026-01.io.ferry:second");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("namespace 2", "size      4194304 bytes");
            ServeProcess.assertStopsCleanly(serve, "TERM", err);
        } finally {
            serve.destroyForcibly();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldNameTheLineOfAConfigurationError() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.conf"), "listen 127.0.0.1:0\nnamespace memory 1m\n");
        CliRun beforeSubsystem = CliRun.of("serve", "--config", config.toString());
        Files.writeString(config, "listen 127.0.0.1:0\nsubsystem nqn.2026-01.io.ferry:x\n  namespace tape 1m\n");
        CliRun unknownKind = CliRun.of("serve", "--config", config.toString());
        CliRun mixed = CliRun.of("serve", "--config", config.toString(), "--nqn", "nqn.2026-01.io.ferry:y");

        assertThat(beforeSubsystem.exitCode()).isEqualTo(2);
        assertThat(beforeSubsystem.err()).contains(config + ":2: namespace before any subsystem");
        assertThat(unknownKind.err()).contains(config + ":3: unknown namespace kind 'tape': expected file, memory or null");
        assertThat(mixed.err()).contains("--config: --nqn goes in the configuration file");
    }

    @Test
    void shouldNameTheLineOfAValueRefusedWhenTheTargetIsBuilt() throws Exception {
        Path config = dir.resolve("values.conf");
        String head = "listen 127.0.0.1:0\nsubsystem nqn.2026-01.io.ferry:x\n";
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(head + "  allow-host host-1\n  namespace memory 1m\n",
                ":3: an NQN starts with 'nqn.' and has at most 223 ASCII characters: 'host-1'");
        errors.put(head + "  namespace memory 1m\n  namespace memory 1000\n",
                ":4: memory namespace: 1000 bytes is not a positive multiple of the block size 512");
        errors.put(head + "  namespace file " + dir.resolve("absent.img") + "\n", ":3: " + dir.resolve("absent.img") + ": no such file");
        errors.put(head + "  namespace memory 1m\nsubsystem nqn.2026-01.io.ferry:x\n  namespace memory 1m\n",
                ":4: subsystem nqn.2026-01.io.ferry:x is already at " + config + ":2");
        errors.put("listen 127.0.0.1:0\nsubsystem nqn.2014-08.org.nvmexpress.discovery\n  namespace memory 1m\n",
                ":2: nqn.2014-08.org.nvmexpress.discovery is the discovery subsystem's NQN");
        errors.put(head + "  namespace null 1m direct\n", ":3: direct applies to file namespaces only");
        for (Map.Entry<String, String> error : errors.entrySet()) {
            Files.writeString(config, error.getKey());
            CliRun run = CliRun.of("serve", "--config", config.toString());
            assertThat(run.exitCode()).as(run.err()).isNotZero();
            assertThat(run.err()).contains("--config " + config + error.getValue());
        }
        CliRun directMemory = CliRun.of("serve", "--memory", "1m", "--direct");
        assertThat(directMemory.exitCode()).isEqualTo(2);
        assertThat(directMemory.err()).contains("--direct applies to --file only");
    }
}
