package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

class S3LocationTest {

    @Test
    void shouldSplitBucketFromAKeyWithSlashes() {
        assertThat(S3Location.parse("s3://my-bucket/data/2024/part-0001.bin"))
                .isEqualTo(new S3Location("my-bucket", "data/2024/part-0001.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.txt", "a+b", "100%25 literal", "caf\u00e9/\u65e5\u672c", "dir//file", "/leading", "dir/", "~tilde"})
    void shouldTakeTheKeyLiterallyWithoutDecoding(String key) {
        S3Location location = S3Location.parse("s3://bucket/" + key);

        assertThat(location.key()).isEqualTo(key);
        assertThat(S3Location.parse(location.toString())).isEqualTo(location);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://bucket/key   | not an S3 URI",
            "s3:/bucket/key       | not an S3 URI",
            "bucket/key           | not an S3 URI",
            "s3:///key            | names no bucket",
            "s3://                | names no bucket",
            "s3://bucket          | names no object key",
            "s3://bucket/         | names no object key"})
    void shouldExplainWhatAMalformedUriLacks(String uri, String explanation) {
        assertFails(() -> S3Location.parse(uri), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining(explanation)
                .hasMessageContaining("s3://bucket/key");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ab                | 3 to 63 characters",
            "a234567890123456789012345678901234567890123456789012345678901234 | 3 to 63 characters",
            "My-Bucket         | lower-case letters",
            "my_bucket         | lower-case letters",
            "-bucket           | begin and end",
            "bucket.           | begin and end",
            "my..bucket        | two dots",
            "192.168.5.4       | IP address"})
    void shouldRefuseBucketNamesThatBreakTheS3Rules(String bucket, String rule) {
        assertFails(() -> S3Location.parse("s3://" + bucket + "/key"), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("invalid S3 bucket name '" + bucket + "'")
                .hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1bucket", "my.bucket-1", "192.168.5.4a",
            "a23456789012345678901234567890123456789012345678901234567890123"})
    void shouldAcceptValidBucketNames(String bucket) {
        assertThat(S3Location.parse("s3://" + bucket + "/k").bucket()).isEqualTo(bucket);
    }

    @Test
    void shouldAcceptAnUpperCaseScheme() {
        assertThat(S3Location.parse("S3://bucket/key")).isEqualTo(new S3Location("bucket", "key"));
    }

    @Test
    void shouldValidateWhenConstructedDirectly() {
        assertFails(() -> new S3Location("bucket", ""), ErrorCode.INVALID_ARGUMENT).hasMessageContaining("key is empty");
        assertFails(() -> new S3Location(null, "k"), ErrorCode.INVALID_ARGUMENT);
    }
}
