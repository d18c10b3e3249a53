package io.ferry.cli;

import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ferry get} and {@code put} find AWS credentials, run as a user would run them. */
class AwsCredentialsCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindTheAwsFilesUnderHomeLikeTheAwsCli() throws IOException, InterruptedException {
        byte[] content = new byte[3_000_001];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("object.bin"), content);
        Path home = Files.createDirectories(dir.resolve("home"));
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("ferry");
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(home.resolve(".aws/credentials"),
                    "[default]\naws_access_key_id = " + s3.accessKey() + "\naws_secret_access_key = " + s3.secretKey() + "\n");
            Files.writeString(home.resolve(".aws/config"), "[default]\nregion = " + s3.region() + "\nendpoint_url = " + s3.endpoint() + "\n");
            Map<String, String> env = Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true");
            Path passwdHome = dir.resolve("passwd-home");

            ChildCli put = ChildCli.run(dir, env, passwdHome, "put", file.toString(), "s3://ferry/object.bin", "--no-progress");
            ChildCli get = ChildCli.run(dir, env, passwdHome, "get", "s3://ferry/object.bin", dir.resolve("back.bin").toString(),
                    "--no-progress");

            assertThat(put.exitCode()).as(put.err()).isZero();
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(content);
        }
    }

    @Test
    void shouldSayWhatWasTriedWhenNoCredentialsAreFound() throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("empty-home"));

        ChildCli get = ChildCli.run(dir, Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true"), home,
                "get", "s3://bucket/key", dir.resolve("out.bin").toString(), "--endpoint-url", "http://127.0.0.1:9");

        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.err().lines()).singleElement().asString()
                .startsWith("ferry: no AWS credentials found; tried environment variables (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set)")
                .contains("; profile default (no credentials in " + home.resolve(".aws/credentials") + " [default] or ")
                .endsWith("; EC2 instance metadata (AWS_EC2_METADATA_DISABLED is true)");
        assertThat(dir.resolve("out.bin")).doesNotExist();
    }
}
