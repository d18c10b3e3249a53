package io.ferry.cli;

import io.ferry.testkit.SelfSignedCertificate;
import io.ferry.testkit.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry send} and {@code ferry receive} in one JVM over loopback: bytes, links, tokens, usage errors. */
@Timeout(120)
class StreamCommandsTest {
    @TempDir
    Path dir;

    private Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 3 == 0 ? random.nextInt() : 'a' + i % 7);
        }
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void shouldSendAFileWithTheGivenTokenIntoAFileWrittenPastThePageCache() throws Exception {
        Path source = randomFile("source.bin", 3 << 20);
        Path dest = dir.resolve("dest.bin");
        ReceiveRun receiver = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--token", "s3cret", "--no-progress",
                "--direct", dest.toString());
        assertThat(receiver.token()).as("a given token is not echoed").isNull();

        CliRun send = CliRun.of("send", source.toString(), receiver.address(), "--channels", "2", "--codec", "zstd:1",
                "--token", "s3cret", "--no-progress");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).containsPattern("sent 3145728 bytes \\(3\\.00 MiB\\) to 127\\.0\\.0\\.1:\\d+ in [\\d.]+ s, "
                + "[\\d.]+ [kMGT]?B/s, 2 channels, compression [\\d.]+x, 0 retransmissions");
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
        assertThat(receiver.out.toString()).contains("received 3145728 bytes").contains("into " + dest);
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
    }

    @Test
    void shouldSendATreeToAReceiverThatMadeItsOwnTokenAndRefuseAWrongOne() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        randomFile("tree/a.bin", 700_000);
        Files.createDirectories(tree.resolve("sub dir"));
        Files.copy(randomFile("b.bin", 5), tree.resolve("sub dir/b.bin"));
        Files.createFile(tree.resolve("empty"));
        Files.createSymbolicLink(tree.resolve("sub dir/to a"), Path.of("../a.bin"));
        assertThat(SpecialFiles.fifo(tree.resolve("fifo"))).as("mkfifo (coreutils) makes a FIFO").isTrue();
        Path treeLink = Files.createSymbolicLink(dir.resolve("tree link"), tree);
        Path dest = dir.resolve("dest");
        ReceiveRun receiver = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--no-progress", dest.toString());
        assertThat(receiver.token()).as("a generated token is printed").matches("[0-9a-f]{32}");

        CliRun wrong = CliRun.of("send", tree.toString(), receiver.address(), "--token", "guess", "--no-progress");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).endsWith("ferry: the receiver stopped the stream: wrong stream token" + System.lineSeparator());

        CliRun send = CliRun.of("send", treeLink.toString(), receiver.address(), "--token", receiver.token(), "--channels",
                "4", "--codec", "lz4", "--no-progress");
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.err()).isEqualTo("ferry send: skipping " + treeLink.resolve("fifo")
                + " (a FIFO, socket or device: not sent)" + System.lineSeparator());
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
        assertThat(Files.mismatch(tree.resolve("a.bin"), dest.resolve("a.bin"))).isEqualTo(-1);
        assertThat(Files.mismatch(tree.resolve("sub dir/b.bin"), dest.resolve("sub dir/b.bin"))).isEqualTo(-1);
        assertThat(dest.resolve("empty")).isEmptyFile();
        assertThat(Files.readSymbolicLink(dest.resolve("sub dir/to a"))).isEqualTo(Path.of("../a.bin"));
        assertThat(dest.resolve("fifo")).doesNotExist();
    }

    @Test
    void shouldSendAnEmptyDirectoryWithItsModeAndTime() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("empty tree"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwx--x---"));
        Files.setLastModifiedTime(tree, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        Path dest = dir.resolve("dest");
        ReceiveRun receiver = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--no-progress", dest.toString());

        CliRun send = CliRun.of("send", tree.toString(), receiver.address(), "--token", receiver.token(), "--no-progress");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("sent 0 bytes (0 B)").contains("compression -,");
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
        assertThat(dest).isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rwx--x---");
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(Files.getLastModifiedTime(tree));
    }

    @Test
    void shouldSendOverTlsToAReceiverWithACertificateFile() throws Exception {
        Path certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.create(certificate, key);
        Path source = randomFile("source.bin", 1 << 20);
        Path dest = dir.resolve("dest.bin");
        ReceiveRun receiver = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--token", "t", "--tls-cert",
                certificate.toString(), "--tls-key", key.toString(), "--no-progress", dest.toString());

        CliRun untrusted = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--tls", "--no-progress");
        assertThat(untrusted.exitCode()).as("a self-signed certificate is not trusted by default").isEqualTo(1);
        assertThat(untrusted.err()).startsWith("ferry: ").containsOnlyOnce("\n");
        Path otherCertificate = dir.resolve("other.pem");
        SelfSignedCertificate.create(otherCertificate, dir.resolve("other-key.pem"));
        CliRun wrongCa = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--tls-ca",
                otherCertificate.toString(), "--no-progress");
        assertThat(wrongCa.exitCode()).isEqualTo(1);
        assertThat(wrongCa.err()).isEqualTo("ferry: TLS with 127.0.0.1 failed: the peer's certificate is not signed by an "
                + "authority this process trusts" + System.lineSeparator());
        CliRun plain = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--no-progress");
        assertThat(plain.exitCode()).as("a sender without TLS").isEqualTo(1);
        assertThat(plain.err()).startsWith("ferry: ").containsOnlyOnce("\n");

        CliRun send = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--tls-ca",
                certificate.toString(), "--channels", "3", "--no-progress");
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
    }

    @Test
    void shouldFailATlsSenderAgainstAPlainReceiverAndLeaveTheReceiverReady() throws Exception {
        Path certificate = dir.resolve("cert.pem");
        SelfSignedCertificate.create(certificate, dir.resolve("key.pem"));
        Path source = randomFile("source.bin", 1 << 20);
        Path dest = dir.resolve("dest.bin");
        ReceiveRun receiver = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--token", "t", "--no-progress", dest.toString());

        CliRun tls = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--tls-ca",
                certificate.toString(), "--no-progress");
        assertThat(tls.exitCode()).isEqualTo(1);
        assertThat(tls.err()).startsWith("ferry: TLS with ").endsWith("failed: the peer does not speak TLS" + System.lineSeparator());

        CliRun send = CliRun.of("send", source.toString(), receiver.address(), "--token", "t", "--no-progress");
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
    }

    @Test
    void shouldRefuseBadAddressesAndMissingTokensAsUsageErrors() {
        CliRun noPort = CliRun.of("send", dir.toString(), "somewhere:http", "--token", "t");
        assertThat(noPort.exitCode()).isEqualTo(2);
        assertThat(noPort.err()).contains("'somewhere:http' has no valid port");

        CliRun noHost = CliRun.of("send", dir.toString(), "9000", "--token", "t");
        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.err()).contains("names no host");

        CliRun hostOnly = CliRun.of("send", dir.toString(), "127.0.0.1", "--token", "t");
        assertThat(hostOnly.exitCode()).isEqualTo(2);
        assertThat(hostOnly.err()).contains("'127.0.0.1' names no port");

        CliRun noToken = CliRun.of("send", dir.toString(), "127.0.0.1:9000");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("--token");

        CliRun badCodec = CliRun.of("send", dir.toString(), "127.0.0.1:9000", "--token", "t", "--codec", "gzip");
        assertThat(badCodec.exitCode()).isEqualTo(2);
        assertThat(badCodec.err()).startsWith("ferry: --codec");

        CliRun badListen = CliRun.of("receive", "--listen", "127.0.0.1:99999", dir.resolve("d").toString());
        assertThat(badListen.exitCode()).isEqualTo(2);

        CliRun halfTls = CliRun.of("receive", "--listen", "0", "--tls-cert", "cert.pem", dir.resolve("d").toString());
        assertThat(halfTls.exitCode()).isEqualTo(2);
        assertThat(halfTls.err()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void shouldFailWhenNoReceiverListens() throws IOException {
        Path source = randomFile("source.bin", 1000);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        CliRun send = CliRun.of("send", source.toString(), "127.0.0.1:" + port, "--token", "t", "--no-progress");
        assertThat(send.exitCode()).isEqualTo(1);
        assertThat(send.err()).isEqualTo("ferry: cannot connect to 127.0.0.1:" + port + ": ECONNREFUSED (connection refused)\n");
    }
}
