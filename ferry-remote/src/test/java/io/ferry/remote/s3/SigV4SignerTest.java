package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** What the signer adds, refuses and caches; correctness of signatures is in {@link SigV4PublishedVectorsTest}. */
class SigV4SignerTest {
    private static final AwsCredentials KEYS = new AwsCredentials("AKID", "secret", null);
    private static final URI OBJECT = URI.create("https://bucket.s3.eu-west-1.amazonaws.com/key");
    private static final Instant NOW = Instant.parse("2024-02-29T23:59:59Z");

    private static Map<String, String> sign(SigV4Signer signer, Instant now) {
        return signer.sign("GET", OBJECT, Map.of(), SigV4Signer.EMPTY_SHA256, now);
    }

    @Test
    void shouldAddTheDateThePayloadHashAndTheAuthorizationForS3() {
        Map<String, String> added = new SigV4Signer(KEYS, "eu-west-1", "s3").sign("PUT", OBJECT, Map.of("Content-Length", "5"),
                SigV4Signer.UNSIGNED_PAYLOAD, NOW);

        assertThat(added).containsOnlyKeys("x-amz-date", "x-amz-content-sha256", "Authorization");
        assertThat(added.get("x-amz-date")).isEqualTo("20240229T235959Z");
        assertThat(added.get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(added.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKID/20240229/eu-west-1/s3/aws4_request, "
                        + "SignedHeaders=content-length;host;x-amz-content-sha256;x-amz-date, Signature=")
                .matches(".*Signature=[0-9a-f]{64}");
    }

    @Test
    void shouldAddAndSignTheSessionTokenOfTemporaryCredentials() {
        Map<String, String> added = sign(new SigV4Signer(new AwsCredentials("ASIA", "secret", "TOKEN"), "eu-west-1", "s3"), NOW);

        assertThat(added.get("x-amz-security-token")).isEqualTo("TOKEN");
        assertThat(added.get("Authorization")).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
    }

    @Test
    void shouldNotSendThePayloadHashHeaderToOtherServices() {
        Map<String, String> added = sign(new SigV4Signer(KEYS, "eu-west-1", "sts"), NOW);

        assertThat(added).containsOnlyKeys("x-amz-date", "Authorization");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "X-Amz-Date", "authorization", "x-amz-content-sha256", "X-Amz-Security-Token"})
    void shouldRefuseHeadersItSetsItself(String name) {
        SigV4Signer signer = new SigV4Signer(KEYS, "eu-west-1", "s3");

        assertFails(() -> signer.sign("GET", OBJECT, Map.of(name, "x"), SigV4Signer.EMPTY_SHA256, NOW), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining(name);
    }

    @Test
    void shouldRefuseAMissingPayloadHash() {
        SigV4Signer signer = new SigV4Signer(KEYS, "eu-west-1", "s3");

        assertFails(() -> signer.sign("GET", OBJECT, Map.of(), null, NOW), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("EMPTY_SHA256");
    }

    @ParameterizedTest
    @CsvSource({
            "https://h.example.com/k,       h.example.com",
            "https://h.example.com:443/k,   h.example.com",
            "http://h.example.com:80/k,     h.example.com",
            "http://h.example.com:443/k,    h.example.com:443",
            "https://h.example.com:9000/k,  h.example.com:9000",
            "http://[::1]:9000/k,           [::1]:9000",
            "http://[::1]/k,                [::1]"})
    void shouldSignTheHostWithThePortOnlyWhenItIsNotTheDefault(String uri, String host) {
        assertThat(SigV4Signer.hostHeader(URI.create(uri))).isEqualTo(host);
    }

    @Test
    void shouldSignAlikeAcrossDaysAsAFreshSignerWould() {
        SigV4Signer reused = new SigV4Signer(KEYS, "eu-west-1", "s3");
        Instant nextDay = NOW.plusSeconds(1);

        List<Map<String, String>> reusedResults = List.of(sign(reused, NOW), sign(reused, nextDay), sign(reused, NOW));

        assertThat(reusedResults).containsExactly(sign(new SigV4Signer(KEYS, "eu-west-1", "s3"), NOW),
                sign(new SigV4Signer(KEYS, "eu-west-1", "s3"), nextDay), sign(new SigV4Signer(KEYS, "eu-west-1", "s3"), NOW));
        assertThat(reusedResults.get(0)).isNotEqualTo(reusedResults.get(1));
    }

    @Test
    void shouldSignFromManyThreadsAtOnce() throws Exception {
        SigV4Signer signer = new SigV4Signer(KEYS, "eu-west-1", "s3");
        Map<String, String> expected = sign(new SigV4Signer(KEYS, "eu-west-1", "s3"), NOW);
        Callable<Boolean> signMany = () -> {
            for (int i = 0; i < 500; i++) {
                if (!sign(signer, NOW).equals(expected)) {
                    return false;
                }
            }
            return true;
        };
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(signMany));
            }
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
    }

    @Test
    void shouldRefuseASignerWithoutRegionOrService() {
        assertFails(() -> new SigV4Signer(KEYS, " ", "s3"), ErrorCode.INVALID_ARGUMENT);
        assertFails(() -> new SigV4Signer(KEYS, "eu-west-1", ""), ErrorCode.INVALID_ARGUMENT);
        assertFails(() -> new SigV4Signer(null, "eu-west-1", "s3"), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void shouldRefuseCredentialsWithoutAKeyOrSecret() {
        assertFails(() -> new AwsCredentials("", "secret", null), ErrorCode.INVALID_ARGUMENT);
        assertFails(() -> new AwsCredentials("AKID", null, null), ErrorCode.INVALID_ARGUMENT);
    }
}
