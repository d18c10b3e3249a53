package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.testkit.InstanceMetadataServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** The role of an EC2 instance from the instance metadata stand-in, with IMDSv2 session tokens. */
class InstanceMetadataCredentialsTest {
    private final InstanceMetadataServer imds = InstanceMetadataServer.start();
    @TempDir
    Path home;

    @AfterEach
    void stopImds() {
        imds.close();
    }

    private AwsCredentials resolve(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.endpoint().toString());
        return new DefaultCredentialsChain(new AwsEnvironment(env, home)).resolveCredentials();
    }

    @Test
    void shouldAskForASessionTokenThenTheRoleThenItsCredentials() {
        AwsCredentials credentials = resolve(Map.of());

        assertThat(credentials.accessKeyId()).isEqualTo("ASIAIMDS1");
        assertThat(credentials.expiration()).isEqualTo(imds.issued().getFirst().expiration());
        assertThat(imds.requests()).extracting(request -> request.method() + " " + request.target()).containsExactly(
                "PUT /latest/api/token",
                "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/stand-in-role");
        assertThat(imds.requests().getFirst().header("X-aws-ec2-metadata-token-ttl-seconds")).isEqualTo("21600");
        assertThat(imds.requests().subList(1, 3)).extracting(r -> r.header("X-aws-ec2-metadata-token")).containsOnly("imds-token-1");
    }

    @Test
    void shouldGoOnWithoutATokenWhereTheServiceRefusesTokens() {
        imds.refuseTokens();

        assertThat(resolve(Map.of()).accessKeyId()).isEqualTo("ASIAIMDS1");
        assertThat(imds.requests().subList(1, 3)).extracting(r -> r.header("X-aws-ec2-metadata-token")).containsOnlyNulls();
    }

    @Test
    void shouldNotGoOnWithoutATokenWhenVersion1IsDisabled() {
        imds.refuseTokens();

        assertFails(() -> resolve(Map.of("AWS_EC2_METADATA_V1_DISABLED", "true")), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("EC2 instance metadata at " + imds.endpoint() + " (session token): HTTP 403 Forbidden");
        assertThat(imds.requests()).extracting(RecordedRequest::method).containsExactly("PUT");
    }

    @Test
    void shouldListAnInstanceWithoutRoleAmongWhatWasTried() {
        imds.noRole();

        assertFails(() -> resolve(Map.of()), ErrorCode.INVALID_ARGUMENT)
                .hasMessageEndingWith("; EC2 instance metadata at " + imds.endpoint() + ": no IAM role is attached to this instance");
    }

    @Test
    void shouldListAnUnreachableServiceAmongWhatWasTried() {
        imds.close();

        assertFails(() -> resolve(Map.of()), ErrorCode.INVALID_ARGUMENT)
                .hasMessageStartingWith("no AWS credentials found; tried environment variables")
                .hasMessageContaining("; EC2 instance metadata at " + imds.endpoint() + ": cannot reach " + imds.endpoint());
    }

    @Test
    void shouldNotAskTheServiceWhenItIsDisabled() {
        assertFails(() -> resolve(Map.of("AWS_EC2_METADATA_DISABLED", "TRUE")), ErrorCode.INVALID_ARGUMENT)
                .hasMessageEndingWith("EC2 instance metadata (AWS_EC2_METADATA_DISABLED is true)");
        assertThat(imds.requests()).isEmpty();
    }
}
