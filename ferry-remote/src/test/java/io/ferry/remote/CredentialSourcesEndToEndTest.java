package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.remote.s3.AwsCredentials;
import io.ferry.remote.s3.AwsCredentialsProvider;
import io.ferry.testkit.ContainerCredentialsServer;
import io.ferry.testkit.CredentialStandIn;
import io.ferry.testkit.InstanceMetadataServer;
import io.ferry.testkit.IssuedCredentials;
import io.ferry.testkit.S3ProxyExtension;
import io.ferry.testkit.SsoPortalServer;
import io.ferry.testkit.StsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every credential source, end to end: the keys it yields sign a real put and get against
 * s3proxy, which checks the signatures and knows only those keys.
 */
class CredentialSourcesEndToEndTest {
    private static final String KEY = "ASIAENDTOEND";
    private static final String SECRET = "end-to-end-secret";

    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.signed(KEY, SECRET, "ferry");
    @TempDir
    Path home;

    /** The s3proxy endpoint, no instance metadata, and the given variables on top. */
    private Map<String, String> environment(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ENDPOINT_URL_S3", S3PROXY.server().endpoint().toString(), "AWS_REGION", S3PROXY.server().region(),
                "AWS_EC2_METADATA_DISABLED", "true", "HOME", home.toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static <T extends CredentialStandIn> T issuingTheKeys(T standIn) {
        standIn.issue(new IssuedCredentials(KEY, SECRET, "session-of-" + standIn.getClass().getSimpleName(),
                Instant.now().plus(Duration.ofHours(1))));
        return standIn;
    }

    private void write(String relativePath, String text) throws IOException {
        Path file = home.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Puts an object and gets it back through a backend made by {@code factory}; the bytes must match. */
    private static void assertRoundTrip(UnaryOperator<RemoteBackend.Factory> factory, String key) {
        byte[] content = RemoteFixture.randomBytes(1_500_000, key.hashCode());
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(), factory)) {
            RemoteObject created = fixture.remote.create("s3://ferry/" + key, content.length);
            MemorySegment source = fixture.arena.allocate(content.length);
            MemorySegment.copy(MemorySegment.ofArray(content), 0, source, 0, content.length);
            fixture.run(TransferOp.WRITE, List.of(Descriptor.of(source, created, 0))).throwIfFailed();

            assertThat(fixture.download("s3://ferry/" + key)).isEqualTo(content);
        }
    }

    @Test
    void shouldSignWithTheEnvironmentVariables() {
        assertRoundTrip(f -> f.environment(environment("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET)), "environment.bin");
    }

    @Test
    void shouldFindTheProfileUnderHomeOfTheEnvironment() throws IOException {
        write(".aws/credentials", "[default]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");

        assertRoundTrip(f -> f.environment(environment()), "profile.bin");
    }

    @Test
    void shouldSignWithWhatTheCredentialProcessPrints() throws IOException {
        write("bin/creds.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"" + KEY + "\", \"SecretAccessKey\": \"" + SECRET + "\", "
                + "\"SessionToken\": \"process-session\", \"Expiration\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\"}'\n");
        write(".aws/config", "[profile tool]\ncredential_process = sh " + home.resolve("bin/creds.sh") + "\n");

        assertRoundTrip(f -> f.environment(environment("AWS_PROFILE", "tool")), "process.bin");
    }

    @Test
    void shouldSignWithTheRoleOfAWebIdentity() throws IOException {
        write("token", "oidc-token");
        try (StsServer sts = issuingTheKeys(StsServer.start())) {
            assertRoundTrip(f -> f.environment(environment("AWS_WEB_IDENTITY_TOKEN_FILE", home.resolve("token").toString(),
                    "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/reader", "AWS_ENDPOINT_URL_STS", sts.endpoint().toString())),
                    "web-identity.bin");

            assertThat(sts.calls()).extracting(call -> call.get("Action")).containsExactly("AssumeRoleWithWebIdentity");
        }
    }

    @Test
    void shouldSignWithAnAssumedRole() throws IOException {
        write(".aws/credentials", "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = base-secret\n");
        write(".aws/config", "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n");
        try (StsServer sts = issuingTheKeys(StsServer.start())) {
            assertRoundTrip(f -> f.environment(environment("AWS_PROFILE", "admin", "AWS_ENDPOINT_URL_STS", sts.endpoint().toString())),
                    "assumed-role.bin");

            assertThat(sts.calls()).extracting(call -> call.get("Action")).containsExactly("AssumeRole");
        }
    }

    @Test
    void shouldSignWithTheRoleOfAnSsoProfile() throws IOException, NoSuchAlgorithmException {
        write(".aws/config", "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Reader\n"
                + "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n");
        String cacheName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes(StandardCharsets.UTF_8)));
        write(".aws/sso/cache/" + cacheName + ".json", "{\"accessToken\": \"sso-token\", \"expiresAt\": \""
                + Instant.now().plus(Duration.ofHours(8)) + "\"}");
        try (SsoPortalServer portal = issuingTheKeys(SsoPortalServer.start())) {
            portal.acceptOnlyToken("sso-token");

            assertRoundTrip(f -> f.environment(environment("AWS_PROFILE", "sso", "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString())),
                    "sso.bin");
        }
    }

    @Test
    void shouldSignWithContainerCredentials() {
        try (ContainerCredentialsServer container = issuingTheKeys(ContainerCredentialsServer.start())) {
            container.requireAuthorization("task-token");

            assertRoundTrip(f -> f.environment(environment("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.uri("/v2/credentials").toString(),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-token")), "container.bin");
        }
    }

    @Test
    void shouldSignWithTheRoleOfTheInstance() {
        try (InstanceMetadataServer imds = issuingTheKeys(InstanceMetadataServer.start())) {
            Map<String, String> env = environment("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.endpoint().toString());
            env.remove("AWS_EC2_METADATA_DISABLED");

            assertRoundTrip(f -> f.environment(env), "instance.bin");
        }
    }

    @Test
    void shouldSignWithCredentialsTheApplicationPasses() {
        AwsCredentialsProvider application = () -> new AwsCredentials(KEY, SECRET, null);

        assertRoundTrip(f -> f.environment(environment()).credentials(AwsCredentialsProvider.of(new AwsCredentials(KEY, SECRET, null))),
                "static.bin");
        assertRoundTrip(f -> f.environment(environment()).credentials(application), "application.bin");
    }

    @Test
    void shouldRefuseToOpenWhenNoSourceHasCredentialsAndListWhatWasTried() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(), f -> f.environment(environment()))) {
            assertThatThrownBy(() -> fixture.remote.open("s3://ferry/any.bin"))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageStartingWith("no AWS credentials found; tried environment variables")
                    .hasMessageContaining("profile default (no credentials in " + home.resolve(".aws/credentials"));
        }
    }
}
