package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints, addressing styles and the request URIs built from them. */
class S3ConfigEndpointTest {
    private static final S3Location OBJECT = new S3Location("bucket", "dir/file.bin");

    private final AwsHome home;

    S3ConfigEndpointTest(@TempDir Path dir) {
        this.home = new AwsHome(dir);
    }

    private S3Config withEndpoint(String endpoint) {
        return home.resolve(Map.of("AWS_ENDPOINT_URL", endpoint));
    }

    @Test
    void shouldUseVirtualHostsOfTheRegionalAwsEndpointByDefault() {
        S3Config config = home.resolve(Map.of("AWS_REGION", "eu-west-1"));

        assertThat(config.endpoint()).hasToString("https://s3.eu-west-1.amazonaws.com");
        assertThat(config.addressing()).isEqualTo(S3Addressing.AUTO);
        assertThat(config.objectUri(OBJECT)).hasToString("https://bucket.s3.eu-west-1.amazonaws.com/dir/file.bin");
        assertThat(config.bucketUri("bucket")).hasToString("https://bucket.s3.eu-west-1.amazonaws.com/");
    }

    @Test
    void shouldUseTheChinaDomainForChinaRegions() {
        assertThat(home.resolve(Map.of("AWS_REGION", "cn-north-1")).endpoint()).hasToString("https://s3.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void shouldTakeTheEndpointFromTheS3VariableThenTheGenericOneThenTheProfile() {
        home.config("[default]\nendpoint_url = https://profile.example.com\n");

        assertThat(home.resolve(Map.of("AWS_ENDPOINT_URL_S3", "https://s3only.example.com", "AWS_ENDPOINT_URL", "https://all.example.com"))
                .endpoint()).hasToString("https://s3only.example.com");
        assertThat(home.resolve(Map.of("AWS_ENDPOINT_URL", "https://all.example.com")).endpoint()).hasToString("https://all.example.com");
        S3Config fromProfile = home.resolve(Map.of());
        assertThat(fromProfile.endpoint()).hasToString("https://profile.example.com");
        assertThat(fromProfile.describe()).contains("https://profile.example.com (from " + home.path().resolve(".aws/config") + " [default])");
    }

    @Test
    void shouldKeepThePortAndPathPrefixOfTheEndpoint() {
        S3Config config = withEndpoint("http://localhost:9000/storage/s3/");

        assertThat(config.endpoint()).hasToString("http://localhost:9000/storage/s3");
        assertThat(config.objectUri(OBJECT)).hasToString("http://localhost:9000/storage/s3/bucket/dir/file.bin");
        assertThat(config.bucketUri("bucket")).hasToString("http://localhost:9000/storage/s3/bucket");
    }

    @Test
    void shouldPutTheBucketBeforeTheHostAndKeepThePathPrefixWhenVirtual() {
        S3Config config = withEndpoint("https://objects.example.com:8443/prefix");

        assertThat(config.objectUri(OBJECT)).hasToString("https://bucket.objects.example.com:8443/prefix/dir/file.bin");
    }

    @ParameterizedTest
    @CsvSource({
            "http://localhost:9000,      http://localhost:9000/bucket/dir/file.bin",
            "http://127.0.0.1:9000,      http://127.0.0.1:9000/bucket/dir/file.bin",
            "http://[::1]:9000,          http://[::1]:9000/bucket/dir/file.bin",
            "https://[2001:db8::7],      https://[2001:db8::7]/bucket/dir/file.bin"})
    void shouldUsePathStyleForIpAndLocalhostEndpoints(String endpoint, String expected) {
        S3Config config = withEndpoint(endpoint);

        assertThat(config.addressingFor("bucket")).isEqualTo(S3Addressing.PATH);
        assertThat(config.objectUri(OBJECT)).hasToString(expected);
    }

    @Test
    void shouldSignTheIpv6HostWithItsPort() {
        URI uri = withEndpoint("http://[::1]:9000").objectUri(OBJECT);

        assertThat(SigV4Signer.hostHeader(uri)).isEqualTo("[::1]:9000");
    }

    @Test
    void shouldUsePathStyleForDottedBucketsOnlyOverHttps() {
        S3Location dotted = new S3Location("my.bucket", "k");

        assertThat(withEndpoint("https://s3.example.com").objectUri(dotted)).hasToString("https://s3.example.com/my.bucket/k");
        assertThat(withEndpoint("http://s3.example.com").objectUri(dotted)).hasToString("http://my.bucket.s3.example.com/k");
    }

    @Test
    void shouldObeyAForcedAddressingStyle() {
        S3Config path = home.resolve(Map.of("FERRY_S3_ADDRESSING", "path"));
        S3Config virtual = home.resolve(Map.of("FERRY_S3_ADDRESSING", "virtual", "AWS_ENDPOINT_URL", "http://localhost:9000"));

        assertThat(path.addressing()).isEqualTo(S3Addressing.PATH);
        assertThat(path.objectUri(OBJECT)).hasToString("https://s3.us-east-1.amazonaws.com/bucket/dir/file.bin");
        assertThat(virtual.objectUri(OBJECT)).hasToString("http://bucket.localhost:9000/dir/file.bin");
    }

    @Test
    void shouldRefuseVirtualAddressingOnAnIpEndpoint() {
        assertFails(() -> home.resolve(Map.of("FERRY_S3_ADDRESSING", "virtual", "AWS_ENDPOINT_URL", "http://10.1.2.3:9000")),
                ErrorCode.INVALID_SETTING)
                .hasMessageContaining("S3_ADDRESSING")
                .hasMessageContaining("IP address");
    }

    @Test
    void shouldRefuseAnUnknownAddressingStyle() {
        assertFails(() -> home.resolve(Map.of("FERRY_S3_ADDRESSING", "dns")), ErrorCode.INVALID_SETTING)
                .hasMessageContaining("FERRY_S3_ADDRESSING");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://s3.example.com        | must start with http:// or https://",
            "localhost:9000              | must start with http:// or https://",
            "s3.example.com              | must start with http:// or https://",
            "http://                     | it names no host",
            "http:///path                | it names no host",
            "https://s3.example.com/?a=b | must not contain a query or a fragment",
            "https://user@s3.example.com | user information (user@host) is not supported",
            "https://s3.example.com/#top | must not contain a query or a fragment",
            "http://exa mple.com         | illegal character in authority at index 10 (' ')",
            "http://127.0.0.1:99999      | port 99999 is out of range (1 to 65535)",
            "http://127.0.0.1:4294967296 | port 4294967296 is out of range (1 to 65535)"})
    void shouldExplainWhatIsWrongWithAnEndpoint(String endpoint, String problem) {
        assertFails(() -> home.resolve(Map.of("AWS_ENDPOINT_URL_S3", endpoint)), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("AWS_ENDPOINT_URL_S3")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "with space.txt     | with%20space.txt",
            "a+b=c&d            | a%2Bb%3Dc%26d",
            "100%.bin           | 100%25.bin",
            "caf\u00e9/\u65e5   | caf%C3%A9/%E6%97%A5",
            "~user/x~y          | ~user/x~y",
            "dir//file          | dir//file",
            "/leading           | /leading",
            "q?x#y*z            | q%3Fx%23y%2Az"})
    void shouldEncodeOddKeysForSigV4(String key, String encoded) {
        S3Config config = withEndpoint("https://s3.example.com");

        URI uri = config.objectUri(new S3Location("bucket", key));

        assertThat(uri.getRawPath()).isEqualTo("/" + encoded);
        assertThat(uri.getRawQuery()).isNull();
        assertThat(AwsUriEncoding.decode(uri.getRawPath())).isEqualTo("/" + key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad_Bucket", "ab"})
    void shouldRefuseAnInvalidBucketForABucketUri(String bucket) {
        assertFails(() -> home.resolve(Map.of()).bucketUri(bucket), ErrorCode.INVALID_ARGUMENT);
    }
}
