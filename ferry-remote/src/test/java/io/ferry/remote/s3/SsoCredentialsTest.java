package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.testkit.SsoPortalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** SSO profiles: the CLI's cached access token traded at the portal stand-in for role credentials. */
class SsoCredentialsTest {
    private static final String SESSION_PROFILE = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Reader
            [sso-session corp]
            sso_region = eu-west-1
            sso_start_url = https://corp.awsapps.com/start
            """;

    private final SsoPortalServer portal = SsoPortalServer.start();
    private final AwsHome home;

    SsoCredentialsTest(@TempDir Path dir) {
        home = new AwsHome(dir);
    }

    @AfterEach
    void stopPortal() {
        portal.close();
    }

    static String sha1(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the token cache file that {@code aws sso login} writes for {@code key}. */
    void cacheToken(String key, String token, Instant expiresAt) throws NoSuchAlgorithmException {
        home.write(".aws/sso/cache/" + sha1(key) + ".json", """
                {"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "%s",
                 "expiresAt": "%s", "clientId": "c", "clientSecret": "s", "refreshToken": "r"}
                """.formatted(token, expiresAt));
    }

    private AwsCredentials resolve() {
        AwsEnvironment env = new AwsEnvironment(AwsHome.withoutInstanceMetadata(
                Map.of("AWS_PROFILE", "dev", "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString())), home.path());
        return new DefaultCredentialsChain(env).resolveCredentials();
    }

    @Test
    void shouldTradeTheCachedTokenOfTheSsoSessionForRoleCredentials() throws NoSuchAlgorithmException {
        home.config(SESSION_PROFILE);
        cacheToken("corp", "cached-access-token", Instant.now().plus(Duration.ofHours(8)));
        portal.acceptOnlyToken("cached-access-token");

        AwsCredentials credentials = resolve();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIASSO1");
        assertThat(credentials.expiration()).isEqualTo(portal.issued().getFirst().expiration());
        assertThat(portal.requests()).singleElement().satisfies(request -> {
            assertThat(request.target()).isEqualTo("/federation/credentials?account_id=111122223333&role_name=Reader");
            assertThat(request.header("x-amz-sso_bearer_token")).isEqualTo("cached-access-token");
        });
    }

    @Test
    void shouldKeyTheCacheOfALegacyProfileByItsStartUrl() throws NoSuchAlgorithmException {
        home.config("""
                [profile dev]
                sso_start_url = https://legacy.awsapps.com/start
                sso_region = us-east-2
                sso_account_id = 111122223333
                sso_role_name = Reader
                """);
        cacheToken("https://legacy.awsapps.com/start", "legacy-token", Instant.now().plus(Duration.ofHours(1)));

        resolve();

        assertThat(portal.requests().getFirst().header("x-amz-sso_bearer_token")).isEqualTo("legacy-token");
    }

    @Test
    void shouldTellToLogInWhenNoTokenIsCached() throws NoSuchAlgorithmException {
        home.config(SESSION_PROFILE);

        assertFails(this::resolve, ErrorCode.INVALID_ARGUMENT)
                .hasMessage("SSO profile dev (" + home.path().resolve(".aws/config") + " [profile dev]): no SSO token in the cache ("
                        + home.path().resolve(".aws/sso/cache/" + sha1("corp") + ".json") + "); run aws sso login --profile dev");
        assertThat(portal.requests()).isEmpty();
    }

    @Test
    void shouldTellToLogInAgainWhenTheCachedTokenExpired() throws NoSuchAlgorithmException {
        home.config(SESSION_PROFILE);
        cacheToken("corp", "old", Instant.parse("2020-01-01T00:00:00Z"));

        assertFails(this::resolve, ErrorCode.ACCESS_DENIED)
                .hasMessageEndingWith("the SSO token expired at 2020-01-01T00:00:00Z; run aws sso login --profile dev");
        assertThat(portal.requests()).isEmpty();
    }

    @Test
    void shouldTellToLogInAgainWhenThePortalRefusesTheToken() throws NoSuchAlgorithmException {
        home.config(SESSION_PROFILE);
        cacheToken("corp", "revoked", Instant.now().plus(Duration.ofHours(1)));
        portal.acceptOnlyToken("another");

        assertFails(this::resolve, ErrorCode.ACCESS_DENIED)
                .hasMessageEndingWith("the SSO portal refused the cached token (HTTP 401 "
                        + "{\"message\":\"Session token not found or invalid\"}); run aws sso login --profile dev");
    }

    @Test
    void shouldNameAnSsoSessionWithoutItsSection() {
        home.config("[profile dev]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = R\n");

        assertFails(this::resolve, ErrorCode.INVALID_ARGUMENT)
                .hasMessageEndingWith("sso_session = nowhere names no " + home.path().resolve(".aws/config") + " [sso-session nowhere] section");
    }

    @Test
    void shouldNameAMissingProperty() {
        home.config("[profile dev]\nsso_session = corp\nsso_role_name = R\n[sso-session corp]\nsso_region = eu-west-1\n"
                + "sso_start_url = https://corp.awsapps.com/start\n");

        assertFails(this::resolve, ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("sso_account_id is missing");
    }
}
