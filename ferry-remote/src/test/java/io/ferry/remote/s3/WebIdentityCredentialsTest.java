package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.testkit.IssuedCredentials;
import io.ferry.testkit.StsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** Assume-role with web identity (EKS IRSA) against the STS stand-in: from the environment and from a profile. */
class WebIdentityCredentialsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/reader";

    private final StsServer sts = StsServer.start();
    @TempDir
    Path home;

    @AfterEach
    void stopSts() {
        sts.close();
    }

    private Map<String, String> environment(Path tokenFile) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
        env.put("AWS_ROLE_ARN", ROLE);
        env.put("AWS_ROLE_SESSION_NAME", "pod-1");
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    private AwsCredentials resolve(Map<String, String> env) {
        return new DefaultCredentialsChain(new AwsEnvironment(env, home)).resolveCredentials();
    }

    private Path token(String text) throws IOException {
        return Files.writeString(home.resolve("token"), text + "\n");
    }

    @Test
    void shouldTradeTheTokenOfTheFileForCredentialsOfTheRole() throws IOException {
        Instant expiration = Instant.parse("2031-02-03T04:05:06Z");
        sts.acceptOnlyToken("oidc-token").issue(new IssuedCredentials("ASIAWEB", "web-secret", "web-token", expiration));

        AwsCredentials credentials = resolve(environment(token("oidc-token")));

        assertThat(credentials).isEqualTo(new AwsCredentials("ASIAWEB", "web-secret", "web-token", expiration));
        assertThat(sts.calls()).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("Action", "AssumeRoleWithWebIdentity").containsEntry("RoleArn", ROLE)
                .containsEntry("RoleSessionName", "pod-1").containsEntry("WebIdentityToken", "oidc-token")
                .doesNotContainKey("Authorization"));
    }

    @Test
    void shouldReadTheTokenFileAgainForEveryRefresh() throws IOException {
        DefaultCredentialsChain chain = new DefaultCredentialsChain(new AwsEnvironment(environment(token("first")), home));
        chain.resolveCredentials();
        token("rotated");

        chain.resolveCredentials();

        assertThat(sts.calls()).extracting(call -> call.get("WebIdentityToken")).containsExactly("first", "rotated");
    }

    @Test
    void shouldTakeWebIdentityFromAProfile() throws IOException {
        Path tokenFile = token("profile-token");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [profile eks]
                role_arn = %s
                web_identity_token_file = %s
                role_session_name = from-profile
                """.formatted(ROLE, tokenFile));

        AwsCredentials credentials = resolve(Map.of("AWS_PROFILE", "eks", "AWS_ENDPOINT_URL_STS", sts.endpoint().toString()));

        assertThat(credentials.accessKeyId()).isEqualTo("ASIASTS1");
        assertThat(sts.calls()).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("RoleSessionName", "from-profile").containsEntry("WebIdentityToken", "profile-token"));
    }

    @Test
    void shouldNameTheSourceAndSayWhatStsAnsweredWhenTheTokenIsRefused() throws IOException {
        sts.acceptOnlyToken("the-right-one");

        assertFails(() -> resolve(environment(token("a-wrong-one"))), ErrorCode.IO_ERROR)
                .hasMessageStartingWith("web identity (AWS_WEB_IDENTITY_TOKEN_FILE " + home.resolve("token"))
                .hasMessageContaining("STS AssumeRoleWithWebIdentity at " + sts.endpoint())
                .hasMessageEndingWith("HTTP 400 Bad Request: InvalidIdentityToken: The web identity token that was passed "
                        + "could not be validated by AWS.");
    }

    @Test
    void shouldSayWhenStsSaysTheTokenExpired() throws IOException {
        sts.refuseNext(400, "ExpiredTokenException", "Token expired: current date/time 1700000000 must be before the expiration");

        assertFails(() -> resolve(environment(token("old"))), ErrorCode.IO_ERROR)
                .hasMessageContaining("ExpiredTokenException: Token expired");
    }

    @Test
    void shouldNameTheTokenFileThatDoesNotExist() {
        assertFails(() -> resolve(environment(home.resolve("absent"))), ErrorCode.INVALID_ARGUMENT)
                .hasMessageEndingWith(": the token file " + home.resolve("absent") + " does not exist");
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void shouldRefuseARoleWithoutATokenFile() {
        assertFails(() -> resolve(Map.of("AWS_ROLE_ARN", ROLE)), ErrorCode.INVALID_ARGUMENT)
                .hasMessage("web identity: AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is missing; set both, or neither");
    }

    @Test
    void shouldNameStsThatCannotBeReached() throws IOException {
        Map<String, String> env = environment(token("t"));
        sts.close();

        assertFails(() -> resolve(env), ErrorCode.IO_ERROR)
                .hasMessageContaining("cannot reach " + sts.endpoint());
    }
}
