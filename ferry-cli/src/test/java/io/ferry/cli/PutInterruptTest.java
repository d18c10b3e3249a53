package io.ferry.cli;

import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.S3ProxyExtension;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code ferry put} process stopped by SIGINT or SIGTERM in the middle of a multipart upload
 * to s3proxy aborts the upload before it exits with 130 or 143. A test server in front of s3proxy
 * stalls one part, so the upload is in the middle for as long as the test needs.
 */
class PutInterruptTest {
    private static final int PART = 5 << 20;

    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.anonymous("bucket");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldAbortTheMultipartUploadWhenPutIsStoppedBySignal(String signal, int exitCode) throws Exception {
        byte[] bytes = new byte[4 * PART + 5];
        new Random(4).nextBytes(bytes);
        Path file = Files.write(dir.resolve("large.bin"), bytes);
        Path stderr = dir.resolve("stderr.txt");
        String key = "large-" + signal + ".bin";
        try (FaultyHttpServer proxy = FaultyHttpServer.forwardingTo(S3PROXY.server().endpoint())) {
            proxy.script().next(Fault.stallBeforeResponse().on("PUT"));
            Process put = ferry(stderr, "put", file.toString(), "s3://bucket/" + key, "--endpoint-url",
                    proxy.baseUri().toString(), "--no-sign-request", "--no-progress");
            try {
                while (uploadsOf(key).stream().allMatch(upload -> S3PROXY.server().uploadedParts("bucket", upload).isEmpty())) {
                    assertThat(put.isAlive()).as("ferry put ended early: %s", Files.readString(stderr)).isTrue();
                    LockSupport.parkNanos(10_000_000); // until a part is in, bounded by the test's timeout
                }

                CliProcess.signal(signal, put.pid());

                assertThat(put.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(put.exitValue()).as(Files.readString(stderr)).isEqualTo(exitCode);
                assertThat(uploadsOf(key)).as("uploads in progress").isEmpty();
                assertThat(Files.readString(stderr)).isEqualTo("ferry: interrupted; the upload to s3://bucket/" + key
                        + " was cancelled; nothing of it was written\n");
            } finally {
                put.destroyForcibly();
            }
        }
    }

    private static List<S3ProxyServer.MultipartUpload> uploadsOf(String key) {
        return S3PROXY.server().multipartUploads("bucket").stream().filter(upload -> upload.key().equals(key)).toList();
    }

    /** Starts {@code ferry ARGS} as a process on this JVM's java and class path, with parts of 5 MiB and no timeout to speak of. */
    private static Process ferry(Path stderr, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(CliProcess.command(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put("FERRY_PART_SIZE", String.valueOf(PART));
        builder.environment().put("FERRY_HTTP_TIMEOUT", "10m");
        return builder.start();
    }
}
