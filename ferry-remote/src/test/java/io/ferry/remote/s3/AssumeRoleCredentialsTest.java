package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.testkit.StsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** A profile's role_arn, assumed with STS AssumeRole signed by its source_profile or credential_source. */
class AssumeRoleCredentialsTest {
    private final StsServer sts = StsServer.start();
    private final AwsHome home;

    AssumeRoleCredentialsTest(@TempDir Path dir) {
        home = new AwsHome(dir);
    }

    @AfterEach
    void stopSts() {
        sts.close();
    }

    /** The credentials of the profile's own provider: the environment's keys would win in the whole chain. */
    private AwsCredentials resolve(String profile, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("AWS_PROFILE", profile);
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        env.put("AWS_REGION", "eu-west-1");
        AwsEnvironment environment = new AwsEnvironment(env, home.path());
        return ProfileCredentials.find(AwsProfile.load(environment), environment).resolveCredentials();
    }

    @Test
    void shouldAssumeTheRoleWithTheKeysOfTheSourceProfile() {
        home.credentials("[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = base-secret\n")
                .config("""
                        [profile admin]
                        role_arn = arn:aws:iam::123456789012:role/admin
                        source_profile = base
                        external_id = ext-1
                        duration_seconds = 900
                        """);

        AwsCredentials credentials = resolve("admin", Map.of());

        assertThat(credentials.accessKeyId()).isEqualTo("ASIASTS1");
        assertThat(sts.calls()).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("Action", "AssumeRole").containsEntry("RoleArn", "arn:aws:iam::123456789012:role/admin")
                .containsEntry("ExternalId", "ext-1").containsEntry("DurationSeconds", "900")
                .hasEntrySatisfying("Authorization", authorization -> assertThat(authorization)
                        .startsWith("AWS4-HMAC-SHA256 Credential=BASEKEY/").contains("/eu-west-1/sts/aws4_request")));
    }

    @Test
    void shouldSignEachRoleOfAChainWithTheRoleBeforeIt() {
        home.credentials("[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = base-secret\n")
                .config("""
                        [profile hop]
                        role_arn = arn:aws:iam::111111111111:role/hop
                        source_profile = base
                        [profile target]
                        role_arn = arn:aws:iam::222222222222:role/target
                        source_profile = hop
                        """);

        resolve("target", Map.of());

        assertThat(sts.calls()).extracting(call -> call.get("RoleArn"))
                .containsExactly("arn:aws:iam::111111111111:role/hop", "arn:aws:iam::222222222222:role/target");
        assertThat(sts.calls().get(1).get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=ASIASTS1/");
    }

    @Test
    void shouldSignWithTheEnvironmentAsCredentialSource() {
        home.config("[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\ncredential_source = Environment\n");

        resolve("ci", Map.of("AWS_ACCESS_KEY_ID", "ENVKEY", "AWS_SECRET_ACCESS_KEY", "env-secret"));

        assertThat(sts.calls().getFirst().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=ENVKEY/");
    }

    @Test
    void shouldRefuseALoopOfSourceProfiles() {
        home.config("""
                [profile a]
                role_arn = arn:aws:iam::1:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::1:role/b
                source_profile = a
                """);

        assertFails(() -> resolve("a", Map.of()), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("source_profile makes a loop: a -> b -> a");
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void shouldSayThatRolesNeedingAnMfaCodeAreNotSupported() {
        home.credentials("[base]\naws_access_key_id = K\naws_secret_access_key = s\n")
                .config("[profile mfa]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n");

        assertFails(() -> resolve("mfa", Map.of()), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("profile mfa (" + home.path().resolve(".aws/config") + " [profile mfa])")
                .hasMessageContaining("mfa_serial needs a code typed at a prompt, which Ferry does not ask for");
    }

    @Test
    void shouldNameASourceProfileThatExistsNowhere() {
        home.config("[profile lost]\nrole_arn = arn:aws:iam::1:role/l\nsource_profile = missing\n");

        assertFails(() -> resolve("lost", Map.of()), ErrorCode.INVALID_ARGUMENT)
                .hasMessageEndingWith("source_profile missing exists nowhere");
    }
}
