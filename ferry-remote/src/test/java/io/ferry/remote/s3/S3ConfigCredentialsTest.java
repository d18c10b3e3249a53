package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** Profiles, credentials and region, resolved from the environment and ~/.aws as the AWS CLI does. */
class S3ConfigCredentialsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final AwsHome home;

    S3ConfigCredentialsTest(@TempDir Path dir) {
        this.home = new AwsHome(dir);
    }

    @Test
    void shouldListWhatWasTriedWhenNoSourceHasCredentials() {
        S3Config config = home.resolve(Map.of());

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.describe()).contains("profile default", "us-east-1", "the default credentials chain");
        assertFails(config::awaitCredentials, ErrorCode.INVALID_ARGUMENT)
                .hasMessageStartingWith("no AWS credentials found; tried environment variables")
                .hasMessageContaining("web identity (AWS_WEB_IDENTITY_TOKEN_FILE")
                .hasMessageContaining("profile default (no credentials in " + home.path().resolve(".aws/credentials") + " [default]")
                .hasMessageContaining("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .hasMessageContaining("EC2 instance metadata (AWS_EC2_METADATA_DISABLED is true)");
    }

    @Test
    void shouldTakeCredentialsFromTheEnvironmentFirst() {
        home.credentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");

        S3Config config = home.resolve(Map.of("AWS_ACCESS_KEY_ID", "ENVKEY", "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", "token"));

        assertThat(config.credentials()).contains(new AwsCredentials("ENVKEY", SECRET, "token"));
        assertThat(config.describe()).contains("from environment variables");
    }

    @Test
    void shouldNameTheMissingVariableWhenOnlyOneKeyIsInTheEnvironment() {
        assertFails(() -> home.resolve(Map.of("AWS_ACCESS_KEY_ID", "AKID")).awaitCredentials(), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is missing");
        assertFails(() -> home.resolve(Map.of("AWS_SECRET_ACCESS_KEY", SECRET)).awaitCredentials(), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("AWS_ACCESS_KEY_ID is missing")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldCountAnEmptyVariableAsUnset() {
        home.credentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");

        S3Config config = home.resolve(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", " ", "AWS_REGION", ""));

        assertThat(config.credentials().orElseThrow().accessKeyId()).isEqualTo("FILEKEY");
        assertThat(config.region()).isEqualTo("us-east-1");
    }

    @Test
    void shouldReadTheDefaultProfileOfTheCredentialsFile() {
        home.credentials("""
                # comment
                [other]
                aws_access_key_id = OTHER
                aws_secret_access_key = other
                [default]
                AWS_ACCESS_KEY_ID=DEFAULTKEY
                aws_secret_access_key = %s ; inline comment
                """.formatted(SECRET));

        S3Config config = home.resolve(Map.of());

        assertThat(config.credentials()).contains(new AwsCredentials("DEFAULTKEY", SECRET, null));
        assertThat(config.describe()).contains(home.path().resolve(".aws/credentials") + " [default]");
    }

    @Test
    void shouldUseTheNamedProfileOfBothFiles() {
        home.credentials("[default]\naws_access_key_id = D\naws_secret_access_key = d\n"
                        + "[dev]\naws_access_key_id = DEV\naws_secret_access_key = dev\naws_session_token = devtoken\n")
                .config("[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n");

        S3Config config = home.resolve(Map.of("AWS_PROFILE", "dev"));

        assertThat(config.credentials()).contains(new AwsCredentials("DEV", "dev", "devtoken"));
        assertThat(config.region()).isEqualTo("ap-south-1");
        assertThat(config.describe()).contains("profile dev");
    }

    @Test
    void shouldFallBackToKeysInTheConfigFile() {
        home.credentials("[someone-else]\naws_access_key_id = X\naws_secret_access_key = x\n")
                .config("[profile dev]\naws_access_key_id = CONFKEY\naws_secret_access_key = confsecret\n");

        S3Config config = home.resolve(Map.of("AWS_PROFILE", "dev"));

        assertThat(config.credentials()).contains(new AwsCredentials("CONFKEY", "confsecret", null));
    }

    @Test
    void shouldPreferTheCredentialsFileToTheConfigFile() {
        home.credentials("[default]\naws_access_key_id = CREDKEY\naws_secret_access_key = c\n")
                .config("[default]\naws_access_key_id = CONFKEY\naws_secret_access_key = k\n");

        assertThat(home.resolve(Map.of()).credentials().orElseThrow().accessKeyId()).isEqualTo("CREDKEY");
    }

    @Test
    void shouldReadTheFilesNamedByTheEnvironment() {
        home.write("elsewhere/creds", "[default]\naws_access_key_id = MOVED\naws_secret_access_key = m\n")
                .write("elsewhere/conf", "[default]\nregion = sa-east-1\n");

        S3Config config = home.resolve(Map.of("AWS_SHARED_CREDENTIALS_FILE", home.path().resolve("elsewhere/creds").toString(),
                "AWS_CONFIG_FILE", "~/elsewhere/conf"));

        assertThat(config.credentials().orElseThrow().accessKeyId()).isEqualTo("MOVED");
        assertThat(config.region()).isEqualTo("sa-east-1");
    }

    @Test
    void shouldNameTheFileAndKeyOfPartialCredentials() {
        home.credentials("[default]\naws_access_key_id = ONLYID\n");

        assertFails(() -> home.resolve(Map.of()).awaitCredentials(), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining(home.path().resolve(".aws/credentials") + " [default]")
                .hasMessageContaining("aws_secret_access_key is missing");
    }

    @Test
    void shouldTakeAColonAsTheAwsCliDoesAndAByteOrderMark() {
        home.credentials("\uFEFF[default]\naws_access_key_id: COLONKEY\naws_secret_access_key : colon=secret\n");

        assertThat(home.resolve(Map.of()).credentials()).contains(new AwsCredentials("COLONKEY", "colon=secret", null));
    }

    @Test
    void shouldRefuseAMalformedLineNamingTheFileAndLine() {
        Path config = home.path().resolve(".aws/config");
        home.config("[default]\nregion = eu-west-1\n[profile dev\nregion = us-east-1\n");
        assertFails(() -> home.resolve(Map.of()), ErrorCode.INVALID_SETTING)
                .hasMessageContaining(config + ":3: the section header '[profile dev' lacks its ']'");

        home.config("[default]\nregion eu-west-1\n");
        assertFails(() -> home.resolve(Map.of()), ErrorCode.INVALID_SETTING)
                .hasMessageContaining(config + ":2: expected 'key = value' or a [section] header");

        home.config("region = eu-west-1\n[default]\n");
        assertFails(() -> home.resolve(Map.of()), ErrorCode.INVALID_SETTING)
                .hasMessageContaining(config + ":1: a setting before any [section] header");
    }

    @Test
    void shouldRefuseAProfileThatExistsNowhere() {
        home.config("[profile dev]\nregion = eu-west-1\n");

        assertFails(() -> home.resolve(Map.of("AWS_PROFILE", "prod")), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("AWS_PROFILE=prod")
                .hasMessageContaining("[profile prod]");
    }

    @Test
    void shouldIgnoreNestedServiceSettingsOfAProfile() {
        home.config("""
                [default]
                region = eu-central-1
                s3 =
                  region = us-west-2
                  addressing_style = path
                """);

        assertThat(home.resolve(Map.of()).region()).isEqualTo("eu-central-1");
    }

    @Test
    void shouldTakeTheRegionFromTheEnvironmentBeforeTheProfile() {
        home.config("[default]\nregion = eu-west-1\n");

        assertThat(home.resolve(Map.of("AWS_REGION", "eu-north-1", "AWS_DEFAULT_REGION", "eu-south-1")).region()).isEqualTo("eu-north-1");
        assertThat(home.resolve(Map.of("AWS_DEFAULT_REGION", "eu-south-1")).region()).isEqualTo("eu-south-1");
        assertThat(home.resolve(Map.of()).region()).isEqualTo("eu-west-1");
    }

    @Test
    void shouldRefuseARegionThatCannotBeAHostName() {
        assertFails(() -> home.resolve(Map.of("AWS_REGION", "eu west/1")), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void shouldSendUnsignedRequestsWhenAnonymousIsForced() {
        S3Config config = home.resolve(Map.of("FERRY_S3_ANONYMOUS", "on", "AWS_ACCESS_KEY_ID", "AKID"));

        assertThat(config.credentials()).isEmpty();
        assertThat(config.describe()).contains("S3_ANONYMOUS=on");
    }

    @Test
    void shouldNeverShowTheSecretOrTheToken() {
        S3Config config = home.resolve(Map.of("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", "SESSIONTOKEN"));
        config.awaitCredentials();

        assertThat(config.describe()).contains("****MPLE").doesNotContain(SECRET, "SESSIONTOKEN", "AKIAIOSFODNN7EXAMPLE");
        assertThat(config.credentials().orElseThrow().toString()).contains("AKIAIOSFODNN7EXAMPLE").doesNotContain(SECRET, "SESSIONTOKEN");
    }
}
