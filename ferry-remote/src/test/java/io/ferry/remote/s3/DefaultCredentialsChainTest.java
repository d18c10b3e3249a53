package io.ferry.remote.s3;

import io.ferry.testkit.ContainerCredentialsServer;
import io.ferry.testkit.InstanceMetadataServer;
import io.ferry.testkit.StsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The order of the default chain, as in the AWS SDK for Java 2.x, with every later source configured too. */
class DefaultCredentialsChainTest {
    private final StsServer sts = StsServer.start();
    private final ContainerCredentialsServer container = ContainerCredentialsServer.start();
    private final InstanceMetadataServer imds = InstanceMetadataServer.start();
    private final AwsHome home;
    private final Map<String, String> env = new HashMap<>();

    DefaultCredentialsChainTest(@TempDir Path dir) throws IOException {
        home = new AwsHome(dir);
        Path token = Files.writeString(dir.resolve("token"), "oidc");
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.endpoint().toString());
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::1:role/web");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.uri("/creds").toString());
        home.credentials("[default]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = s\n");
    }

    @AfterEach
    void stopServers() {
        sts.close();
        container.close();
        imds.close();
    }

    private String resolvedKey() {
        return new DefaultCredentialsChain(new AwsEnvironment(env, home.path())).resolveCredentials().accessKeyId();
    }

    @Test
    void shouldTakeTheEnvironmentVariablesFirst() {
        env.put("AWS_ACCESS_KEY_ID", "ENVKEY");
        env.put("AWS_SECRET_ACCESS_KEY", "s");

        assertThat(resolvedKey()).isEqualTo("ENVKEY");
        assertThat(sts.requests()).isEmpty();
        assertThat(container.requests()).isEmpty();
        assertThat(imds.requests()).isEmpty();
    }

    @Test
    void shouldTakeWebIdentityOfTheEnvironmentBeforeTheProfile() {
        assertThat(resolvedKey()).isEqualTo("ASIASTS1");
    }

    @Test
    void shouldTakeTheProfileBeforeTheContainer() {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        env.remove("AWS_ROLE_ARN");

        assertThat(resolvedKey()).isEqualTo("PROFILEKEY");
        assertThat(container.requests()).isEmpty();
    }

    @Test
    void shouldTakeTheContainerBeforeInstanceMetadata() {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        env.remove("AWS_ROLE_ARN");
        home.credentials("");

        assertThat(resolvedKey()).isEqualTo("ASIAECS1");
        assertThat(imds.requests()).isEmpty();
    }

    @Test
    void shouldTakeInstanceMetadataLast() {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        env.remove("AWS_ROLE_ARN");
        env.remove("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        home.credentials("");

        assertThat(resolvedKey()).isEqualTo("ASIAIMDS1");
    }

    @Test
    void shouldPreferACredentialProcessToKeysInTheSameProfile() throws IOException {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        env.remove("AWS_ROLE_ARN");
        Path script = Files.writeString(home.path().resolve("p.sh"), "echo '{\"Version\":1,\"AccessKeyId\":\"PROCKEY\",\"SecretAccessKey\":\"s\"}'");
        home.config("[default]\ncredential_process = sh " + script + "\n");

        assertThat(resolvedKey()).isEqualTo("PROCKEY");
    }

    @Test
    void shouldPreferWebIdentityToAnAssumedRoleInTheSameProfile() {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        env.remove("AWS_ROLE_ARN");
        home.config("[default]\nrole_arn = arn:aws:iam::1:role/p\nweb_identity_token_file = " + home.path().resolve("token")
                + "\nsource_profile = default\n");

        assertThat(resolvedKey()).isEqualTo("ASIASTS1");
        assertThat(sts.calls()).extracting(call -> call.get("Action")).containsExactly("AssumeRoleWithWebIdentity");
    }

    @Test
    void shouldAskTheChosenSourceAgainOnRefresh() {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        env.remove("AWS_ROLE_ARN");
        home.credentials("");
        DefaultCredentialsChain chain = new DefaultCredentialsChain(new AwsEnvironment(env, home.path()));

        chain.resolveCredentials();
        String refreshed = chain.resolveCredentials().accessKeyId();

        assertThat(refreshed).isEqualTo("ASIAECS2");
        assertThat(chain.describe()).isEqualTo("container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)");
    }
}
