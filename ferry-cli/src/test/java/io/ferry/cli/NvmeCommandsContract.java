package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ferry nvme discover|identify}, {@code ferry copy} to and from a namespace and {@code ferry
 * bench --backend nvme}, against a target serving one 16 MiB namespace (nsid 1, 512-byte blocks): SPDK's
 * nvmf_tgt ({@link NvmeCommandsOnSpdkTest}) and {@code ferry serve} ({@link NvmeCommandsOnServeTest}), so
 * that the commands are tested where SPDK's prebuilt tools cannot run too.
 */
@Timeout(180)
abstract class NvmeCommandsContract {
    static final int NAMESPACE_MIB = 16;

    @TempDir
    Path dir;

    /**
     * The target a subclass runs: its port on 127.0.0.1, its subsystem's NQN, and what {@code ferry
     * nvme identify} prints of its controller that another target's would not.
     */
    record Served(int port, String nqn, List<String> identity) {
    }

    /** The running target; called while the tests run. */
    abstract Served served();

    private String namespaceAddress() {
        return "nvme+tcp://127.0.0.1:" + served().port() + "/" + served().nqn() + "/1";
    }

    @Test
    void shouldDiscoverTheSubsystemAndItsAddress() {
        CliRun run = CliRun.of("nvme", "discover", "127.0.0.1:" + served().port());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("TYPE      PORT ID ADDRESS").contains("nvme", "nvme+tcp://127.0.0.1:" + served().port() + "/"
                + served().nqn() + "/NSID", "discovery");
    }

    @Test
    void shouldIdentifyTheControllerAndTheNamespace() {
        CliRun run = CliRun.of("nvme", "identify", namespaceAddress());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(served().identity()).contains("max I/O   128k", "size      16777216 bytes",
                "blocks    32768 of 512 bytes");
    }

    @Test
    void shouldCopyAFileIntoTheNamespaceAndTheNamespaceBackIntoAFile() throws IOException {
        Path source = RandomFiles.write(dir, "source.bin", 3 * (1 << 20) + 1234);
        CliRun in = CliRun.of("copy", source.toString(), namespaceAddress(), "--bs", "1m", "--no-progress");
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(in.out()).contains("copied 3146962 bytes");

        Path back = dir.resolve("namespace.img");
        CliRun out = CliRun.of("copy", namespaceAddress(), back.toString(), "--no-progress");
        assertThat(out.exitCode()).as(out.err()).isZero();
        byte[] image = Files.readAllBytes(back);
        byte[] expected = Files.readAllBytes(source);
        assertThat(image).hasSize(NAMESPACE_MIB << 20);
        assertThat(Arrays.copyOf(image, expected.length)).isEqualTo(expected);
    }

    @Test
    void shouldBenchmarkTheNamespaceAndWriteOnlyWhenAllowed() {
        CliRun refused = CliRun.of("bench", "--backend", "nvme", "--filename", namespaceAddress(), "--rw", "write",
                "--no-progress");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--rw write would overwrite namespace", "--allow-overwrite");

        CliRun run = CliRun.of("bench", "--backend", "nvme", "--filename", namespaceAddress(), "--rw",
                "randwrite,read", "--bs", "4k,256k", "--iodepth", "8", "--size", "8m", "--number_ios", "64",
                "--ramp_time", "0", "--allow-overwrite", "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nvme backend", namespaceAddress(), "randwrite", "read");
    }

    @Test
    void shouldRefuseAFileLargerThanTheNamespaceAndABadAddress() throws IOException {
        Path big = RandomFiles.write(dir, "big.bin", (NAMESPACE_MIB << 20) + 1);
        CliRun tooBig = CliRun.of("copy", big.toString(), namespaceAddress(), "--no-progress");
        assertThat(tooBig.exitCode()).isNotZero();
        assertThat(tooBig.err()).contains("does not fit in");

        CliRun bad = CliRun.of("nvme", "identify", "nvme+tcp://127.0.0.1:" + served().port() + "/disk/1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("does not start with 'nqn.'");
    }
}
