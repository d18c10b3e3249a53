package io.ferry.cli;

import io.ferry.testkit.SpdkTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry nvme discover|identify} and {@code ferry copy} to and from a namespace of SPDK's nvmf_tgt. */
@Timeout(180)
class NvmeCommandsTest {
    private static SpdkTarget target;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTarget() {
        target = SpdkTarget.start(16);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void shouldDiscoverTheSubsystemAndItsAddress() {
        CliRun run = CliRun.of("nvme", "discover", "127.0.0.1:" + target.port());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nvme", "nvme+tcp://127.0.0.1:" + target.port() + "/" + SpdkTarget.NQN + "/NSID",
                "discovery");
    }

    @Test
    void shouldIdentifyTheControllerAndTheNamespace() {
        CliRun run = CliRun.of("nvme", "identify", target.namespaceAddress());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("SPDK bdev Controller", "SPDK00000000000001", "max I/O   128k",
                "size      16777216 bytes", "blocks    32768 of 512 bytes");
    }

    @Test
    void shouldCopyAFileIntoTheNamespaceAndTheNamespaceBackIntoAFile() throws IOException {
        Path source = RandomFiles.write(dir, "source.bin", 3 * (1 << 20) + 1234);
        CliRun in = CliRun.of("copy", source.toString(), target.namespaceAddress(), "--bs", "1m", "--no-progress");
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(in.out()).contains("copied 3146962 bytes");

        Path back = dir.resolve("namespace.img");
        CliRun out = CliRun.of("copy", target.namespaceAddress(), back.toString(), "--no-progress");
        assertThat(out.exitCode()).as(out.err()).isZero();
        byte[] image = Files.readAllBytes(back);
        byte[] expected = Files.readAllBytes(source);
        assertThat(image).hasSize(16 << 20);
        assertThat(Arrays.copyOf(image, expected.length)).isEqualTo(expected);
    }

    @Test
    void shouldBenchmarkTheNamespaceAndWriteOnlyWhenAllowed() {
        CliRun refused = CliRun.of("bench", "--backend", "nvme", "--filename", target.namespaceAddress(), "--rw", "write",
                "--no-progress");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--rw write would overwrite namespace", "--allow-overwrite");

        CliRun run = CliRun.of("bench", "--backend", "nvme", "--filename", target.namespaceAddress(), "--rw",
                "randwrite,read", "--bs", "4k,256k", "--iodepth", "8", "--size", "8m", "--number_ios", "64",
                "--ramp_time", "0", "--allow-overwrite", "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nvme backend", target.namespaceAddress(), "randwrite", "read");
    }

    @Test
    void shouldRefuseAFileLargerThanTheNamespaceAndABadAddress() throws IOException {
        Path big = RandomFiles.write(dir, "big.bin", (16 << 20) + 1);
        CliRun tooBig = CliRun.of("copy", big.toString(), target.namespaceAddress(), "--no-progress");
        assertThat(tooBig.exitCode()).isNotZero();
        assertThat(tooBig.err()).contains("does not fit in");

        CliRun bad = CliRun.of("nvme", "identify", "nvme+tcp://127.0.0.1:" + target.port() + "/disk/1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("does not start with 'nqn.'");
    }
}
