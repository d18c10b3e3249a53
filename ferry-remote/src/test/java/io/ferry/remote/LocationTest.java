package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every malformed location is refused at open with INVALID_ARGUMENT and one line that names the
 * problem, before a request is sent, and never shows a URL's credentials or query.
 */
class LocationTest {
    @TempDir
    Path home;
    private RemoteFixture fixture;

    @BeforeEach
    void start() {
        fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(), factory -> factory.environment(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_REGION", "us-east-1"), home));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "http://127.0.0.1:99999/x           | not a valid URL 'http://127.0.0.1:99999/x': port 99999 is out of range (1 to 65535)",
            "http://127.0.0.1:0/x               | port 0 is out of range (1 to 65535)",
            "http://127.0.0.1:4294967296/x      | port 4294967296 is out of range (1 to 65535)",
            "http://127.0.0.1:80a/x             | port '80a' is not a number",
            "http:///x                          | not a valid URL 'http:///x': it names no host",
            "http://:80/x                       | it names no host",
            "https://                           | it names no host",
            "http://ho_st/x                     | 'ho_st' is not a valid host name",
            "http://127.0.0.1/a%zz              | malformed escape pair at index 18 ('%'): a % must be followed by two hex digits",
            "http://127.0.0.1/a b               | illegal character in path at index 18 (' '): percent-encode it",
            "http://user:s3cr3t@127.0.0.1/x     | not a valid URL 'http://***@127.0.0.1/x': user information (user@host) is not supported",
            "http://127.0.0.1/x?sig=s3cr3t%zz   | not a valid URL 'http://127.0.0.1/x?...': malformed escape pair",
            "ftp://host/x                       | unsupported location ftp://host/x: expected http://, https:// or s3://",
            "ftp://user:s3cr3t@host/x?sig=s3cr3t | unsupported location ftp://***@host/x?...",
            "s3://                              | 's3://' names no bucket: expected s3://bucket/key",
            "s3://bucket                        | 's3://bucket' names no object key: expected s3://bucket/key",
            "s3://bucket/                       | 's3://bucket/' names no object key",
            "s3:///key                          | 's3:///key' names no bucket",
            "s3://Bucket_1/key                  | invalid S3 bucket name 'Bucket_1'"})
    void shouldRefuseAMalformedLocationWithOneLineNamingTheProblem(String location, String message) {
        assertThatThrownBy(() -> fixture.remote.open(location)).isInstanceOfSatisfying(FerryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(message).doesNotContain("s3cr3t").doesNotContain("\n");
        });
    }

    @Test
    void shouldNameAnUnknownHostWithoutTheQueryOfItsUrl() {
        assertThatThrownBy(() -> fixture.remote.open("http://no-such-host.invalid/x?X-Amz-Signature=s3cr3t"))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("unknown host no-such-host.invalid in http://no-such-host.invalid/x?...");
                });
    }
}
