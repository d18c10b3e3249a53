package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.testkit.ContainerCredentialsServer;
import io.ferry.testkit.IssuedCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** Container credentials (ECS, EKS Pod Identity) from the endpoint stand-in. */
class ContainerCredentialsTest {
    private final ContainerCredentialsServer endpoint = ContainerCredentialsServer.start();
    @TempDir
    Path home;

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    private AwsCredentials resolve(Map<String, String> env) {
        return new DefaultCredentialsChain(new AwsEnvironment(AwsHome.withoutInstanceMetadata(env), home)).resolveCredentials();
    }

    @Test
    void shouldSendTheTokenOfTheTokenFileToTheFullUri() throws IOException {
        Instant expiration = Instant.parse("2031-01-01T00:00:00Z");
        endpoint.requireAuthorization("pod-token").issue(new IssuedCredentials("ASIAPOD", "pod-secret", "pod-session", expiration));
        Path tokenFile = Files.writeString(home.resolve("token"), "pod-token\n");

        AwsCredentials credentials = resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri("/v1/credentials").toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString(), "AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored"));

        assertThat(credentials).isEqualTo(new AwsCredentials("ASIAPOD", "pod-secret", "pod-session", expiration));
        assertThat(endpoint.requests()).singleElement().satisfies(request -> {
            assertThat(request.target()).isEqualTo("/v1/credentials");
            assertThat(request.header("Authorization")).isEqualTo("pod-token");
        });
    }

    @Test
    void shouldSendTheTokenOfTheVariable() {
        endpoint.requireAuthorization("variable-token");

        resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri("/creds").toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "variable-token"));

        assertThat(endpoint.requests().getFirst().header("Authorization")).isEqualTo("variable-token");
    }

    @Test
    void shouldNameTheEndpointThatRefusedTheToken() {
        endpoint.requireAuthorization("right");

        assertFails(() -> resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri("/creds").toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong")), ErrorCode.ACCESS_DENIED)
                .hasMessage("container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) at " + endpoint.uri("/creds")
                        + ": HTTP 401 Unauthorized: {\"code\":\"InvalidToken\",\"message\":\"the authorization token was refused\"}");
    }

    @Test
    void shouldRefusePlainHttpToAnotherMachine() {
        assertFails(() -> resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.10/creds")), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("plain http is allowed only to a loopback address or the container host, not 192.0.2.10");
    }

    @Test
    void shouldRefuseATokenWithALineBreak() {
        assertFails(() -> resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri("/c").toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Injected: 1")), ErrorCode.INVALID_ARGUMENT)
                .hasMessageEndingWith("the authorization token holds a line break");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void shouldAskTheEcsHostForARelativeUri() {
        ContainerCredentials relative = ContainerCredentials.fromEnvironment(
                new AwsEnvironment(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task-id"), home));

        assertThat(relative.describe()).isEqualTo("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)");
        assertThat(relative).extracting("uri").hasToString("http://169.254.170.2/v2/credentials/task-id");
    }
}
