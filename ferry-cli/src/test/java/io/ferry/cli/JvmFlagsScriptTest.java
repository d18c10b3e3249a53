package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's JVM flags per command line ({@code scripts/jvm-flags.sh}): C1 alone for one-shot
 * commands, except those that may speak TLS, whose AES-GCM needs C2's intrinsics; C2 for bench and serve.
 */
@Timeout(60)
class JvmFlagsScriptTest {
    private static final String ONE_SHOT = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private static final String TLS = "-XX:+UseSerialGC";

    /** The flags {@code jvm_flags} picks for {@code args} with {@code environment} as the only AWS_ and TMPDIR variables. */
    private static String flags(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$1\"; shift; jvm_flags \"$@\"; echo \"${jvm[*]}\"",
                "_", Path.of("..", "scripts", "jvm-flags.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("TMPDIR"));
        builder.environment().putAll(environment);
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out;
    }

    private static String flags(String... args) throws IOException, InterruptedException {
        return flags(Map.of(), args);
    }

    @Test
    void shouldRunOneShotCommandsWithC1AloneAndBenchAndServeWithC2() throws Exception {
        assertThat(flags("copy", "a", "b")).isEqualTo(ONE_SHOT);
        assertThat(flags("get", "http://127.0.0.1:8080/x", "out")).isEqualTo(ONE_SHOT);
        assertThat(flags("send", "dir", "host:9000", "--token", "t")).isEqualTo(ONE_SHOT);
        assertThat(flags("--version")).isEqualTo(ONE_SHOT);
        assertThat(flags("bench", "--backend", "remote", "--filename", "https://host/x")).isEmpty();
        assertThat(flags("serve", "--memory", "1g")).isEmpty();
    }

    @Test
    void shouldKeepC2ForCommandsThatMaySpeakTls() throws Exception {
        assertThat(flags("get", "https://host/x")).isEqualTo(TLS);
        assertThat(flags("get", "HTTPS://host/x")).as("a scheme in any case").isEqualTo(TLS);
        assertThat(flags("put", "file", "https://host/x")).isEqualTo(TLS);
        assertThat(flags("send", "file", "host:9000", "--tls")).isEqualTo(TLS);
        assertThat(flags("send", "file", "host:9000", "--tls-ca", "ca.pem")).isEqualTo(TLS);
        assertThat(flags("receive", "--listen", ":9000", "--tls-cert=c.pem", "--tls-key=k.pem", "dest")).isEqualTo(TLS);
    }

    @Test
    void shouldPutTemporaryFilesWhereTmpdirSays() throws Exception {
        assertThat(flags(Map.of("TMPDIR", "/var/tmp/big space"), "put", "-", "http://host/x"))
                .isEqualTo(ONE_SHOT + " -Djava.io.tmpdir=/var/tmp/big space");
        assertThat(flags(Map.of("TMPDIR", "/scratch"), "bench")).isEqualTo("-Djava.io.tmpdir=/scratch");
    }

    @Test
    void shouldTakeS3ForTlsUnlessItsEndpointIsPlainHttp() throws Exception {
        assertThat(flags("get", "s3://bucket/key")).as("AWS's own endpoints").isEqualTo(TLS);
        assertThat(flags("get", "s3://bucket/key", "--endpoint-url", "http://127.0.0.1:9000")).isEqualTo(ONE_SHOT);
        assertThat(flags("get", "s3://bucket/key", "--endpoint-url=http://127.0.0.1:9000")).isEqualTo(ONE_SHOT);
        assertThat(flags("get", "S3://bucket/key", "--endpoint-url", "HTTP://127.0.0.1:9000")).isEqualTo(ONE_SHOT);
        assertThat(flags("get", "S3://bucket/key")).isEqualTo(TLS);
        assertThat(flags("get", "s3://bucket/key", "--endpoint-url", "https://minio:9000")).isEqualTo(TLS);
        assertThat(flags(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"), "put", "f", "s3://bucket/key")).isEqualTo(ONE_SHOT);
        assertThat(flags(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9000", "AWS_ENDPOINT_URL_S3", "https://s3.example"),
                "get", "s3://bucket/key")).as("the S3 endpoint first, as ferry reads them").isEqualTo(TLS);
        assertThat(flags(Map.of("AWS_ENDPOINT_URL", "https://s3.example"), "get", "s3://bucket/key", "--endpoint-url",
                "http://127.0.0.1:9000")).as("the option over the environment").isEqualTo(ONE_SHOT);
    }
}
