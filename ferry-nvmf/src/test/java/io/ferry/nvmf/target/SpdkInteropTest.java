package io.ferry.nvmf.target;

import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.support.LoopbackTarget;
import io.ferry.testkit.Requirements;
import io.ferry.testkit.SpdkTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** SPDK's own initiators against our target on loopback: identify (subsystem and discovery) and perf. */
@Timeout(120)
class SpdkInteropTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    /** 64 MiB in 512-byte blocks. */
    private static final int BLOCKS = 131072;
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s*:\\s*([0-9.]+)\\s+([0-9.]+)");

    private LoopbackTarget server;

    @BeforeEach
    void start() throws Exception {
        Requirements.spdkTools();
        server = new LoopbackTarget(new MemoryDevice(BLOCKS, 512), 1);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String field(String name, String value) {
        return "(?m)^" + Pattern.quote(name) + ":\\s+" + Pattern.quote(value) + "\\s*$";
    }

    @Test
    void shouldIdentifyTheSubsystemWithOurSerialModelAndNqn() {
        SpdkTools.Run run = SpdkTools.run(TOOL_TIMEOUT, "spdk_nvme_identify", "--no-huge", "-s", "512",
                "-r", server.transportId(LoopbackTarget.NQN));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern(field("Serial Number", LoopbackTarget.SERIAL))
                .containsPattern(field("Model Number", LoopbackTarget.MODEL))
                .containsPattern(field("Subsystem NQN", LoopbackTarget.NQN))
                .containsPattern("(?m)^Namespace ID:1\\s*$")
                .doesNotContainPattern("(?i)failed");
        assertThat(server.acceptor.targetGroups().getFirst().protocolErrors()).isZero();
    }

    @Test
    void shouldListTheSubsystemInTheDiscoveryLog() {
        SpdkTools.Run run = SpdkTools.run(TOOL_TIMEOUT, "spdk_nvme_identify", "--no-huge", "-s", "512",
                "-r", server.transportId(Subsystem.DISCOVERY_NQN));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern("(?m)^NVM Subsystem Qualified Name:\\s+" + Pattern.quote(LoopbackTarget.NQN) + "\\s*$")
                .containsPattern("(?m)^Transport Service Identifier:\\s+" + server.address.getPort() + "\\s*$")
                .containsPattern("(?m)^Transport Address:\\s+127\\.0\\.0\\.1\\s*$")
                .doesNotContainPattern("(?i)failed");
    }

    @ParameterizedTest(name = "{0} {1} bytes QD{2}, digests {3}")
    @CsvSource({
            "randread, 4096, 32, false", "randwrite, 4096, 32, false", "read, 131072, 8, false", "write, 131072, 8, false",
            "randread, 4096, 32, true", "randwrite, 4096, 32, true", "read, 131072, 8, true", "write, 131072, 8, true"})
    void shouldRunPerfWithoutErrors(String workload, int size, int depth, boolean digests) {
        List<String> args = new ArrayList<>(List.of("--no-huge", "-s", "1024", "-c", "0x2",
                "-r", server.transportId(LoopbackTarget.NQN) + " ns:1",
                "-q", String.valueOf(depth), "-o", String.valueOf(size), "-w", workload, "-t", "1"));
        if (digests) {
            args.addAll(List.of("-H", "-I"));
        }
        SpdkTools.Run run = SpdkTools.run(TOOL_TIMEOUT, "spdk_nvme_perf", args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher total = TOTAL.matcher(run.output());
        assertThat(total.find()).as("a Total line in:\n" + run.output()).isTrue();
        assertThat(Double.parseDouble(total.group(1))).as("IOPS").isPositive();
        assertThat(run.output()).doesNotContain("starting I/O failed").doesNotContainPattern("(?i)\\berrors?\\s*:\\s*[1-9]");
        TargetGroup group = server.acceptor.targetGroups().getFirst();
        assertThat(group.protocolErrors()).isZero();
        assertThat(group.deviceErrors()).isZero();
        assertThat(group.ioBytes()).isPositive();
    }
}
