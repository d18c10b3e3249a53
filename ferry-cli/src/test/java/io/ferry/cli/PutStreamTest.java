package io.ferry.cli;

import io.ferry.testkit.S3ProxyExtension;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ferry put - s3://...} as a real process reading a real pipe, against s3proxy: the upload runs
 * while the input is still being written (no temporary copy first), the object comes out byte for
 * byte, and a signal aborts it.
 */
@Timeout(180)
class PutStreamTest {
    private static final int PART = 5 << 20;

    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.anonymous("bucket");

    @TempDir
    Path dir;

    @Test
    void shouldUploadAPipeWhileItIsWrittenAndPutTheObjectTogether() throws Exception {
        byte[] bytes = random(3 * PART + 12_345, 1);
        Path stderr = dir.resolve("stderr.txt");
        Process put = ferry(stderr, "put", "-", "s3://bucket/piped.bin");
        try (OutputStream stdin = put.getOutputStream()) {
            stdin.write(bytes, 0, 2 * PART + 1);
            stdin.flush();
            awaitAPartOf("piped.bin", put, stderr); // the input is still open: nothing was copied to wait for its end
            stdin.write(bytes, 2 * PART + 1, bytes.length - (2 * PART + 1));
        }
        assertThat(put.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(put.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(uploadsOf("piped.bin")).as("completed, not in progress").isEmpty();
        assertThat(download("piped.bin")).isEqualTo(bytes);
    }

    @Test
    void shouldPutInputShorterThanAPartAtOnceAndAFifoToo() throws Exception {
        byte[] small = random(1000, 2);
        Path stderr = dir.resolve("stderr.txt");
        Process put = ferry(stderr, "put", "-", "s3://bucket/small.bin");
        try (OutputStream stdin = put.getOutputStream()) {
            stdin.write(small);
        }
        assertThat(put.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(put.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(download("small.bin")).isEqualTo(small);

        byte[] large = random(2 * PART, 3);
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process fromFifo = ferry(stderr, "put", fifo.toString(), "s3://bucket/fifo.bin");
        try (OutputStream writer = Files.newOutputStream(fifo)) {
            writer.write(large);
        }
        assertThat(fromFifo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fromFifo.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(download("fifo.bin")).as("exactly two parts, and no empty third").isEqualTo(large);
    }

    @Test
    void shouldAbortTheUploadWhenStoppedBySignal() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process put = ferry(stderr, "put", "-", "s3://bucket/stopped.bin");
        try (OutputStream stdin = put.getOutputStream()) {
            stdin.write(random(2 * PART + 1, 4));
            stdin.flush();
            awaitAPartOf("stopped.bin", put, stderr);

            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(put.pid())).start().waitFor()).isZero();

            assertThat(put.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(put.exitValue()).as(Files.readString(stderr)).isEqualTo(130);
        assertThat(uploadsOf("stopped.bin")).as("uploads in progress").isEmpty();
        assertThat(Files.readString(stderr)).isEqualTo("ferry: interrupted; the upload to s3://bucket/stopped.bin was "
                + "cancelled and aborted; nothing of it was written\n");
    }

    /** Waits until an upload of {@code key} holds a part, bounded by the test's timeout. */
    private static void awaitAPartOf(String key, Process put, Path stderr) throws IOException {
        while (uploadsOf(key).stream().allMatch(upload -> S3PROXY.server().uploadedParts("bucket", upload).isEmpty())) {
            assertThat(put.isAlive()).as("ferry put ended early: %s", Files.readString(stderr)).isTrue();
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static List<S3ProxyServer.MultipartUpload> uploadsOf(String key) {
        return S3PROXY.server().multipartUploads("bucket").stream().filter(upload -> upload.key().equals(key)).toList();
    }

    private byte[] download(String key) throws IOException {
        Path back = dir.resolve(key + ".back");
        CliRun get = CliRun.of("get", "s3://bucket/" + key, back.toString(), "--endpoint-url",
                S3PROXY.server().endpoint().toString(), "--no-sign-request", "--no-progress");
        assertThat(get.exitCode()).as(get.err()).isZero();
        return Files.readAllBytes(back);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Starts {@code ferry ARGS} reading a pipe from this test, with parts of 5 MiB. */
    private static Process ferry(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(CliProcess.command(args));
        command.addAll(List.of("--endpoint-url", S3PROXY.server().endpoint().toString(), "--no-sign-request", "--no-progress"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put("FERRY_PART_SIZE", String.valueOf(PART));
        return builder.start();
    }
}
