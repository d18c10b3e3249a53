package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

class SigV4CanonicalTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "uploads                          | uploads=",
            "uploadId=a%2Fb%2Bc&partNumber=2  | partNumber=2&uploadId=a%2Fb%2Bc",
            "prefix=a/b c+d                   | prefix=a%2Fb%20c%2Bd",
            "prefix=%4a&max-keys=2            | max-keys=2&prefix=J",
            "a-b=1&a=2                        | a=2&a-b=1",
            "x=2&x=10&x=1                     | x=1&x=10&x=2",
            "&&list-type=2&                   | list-type=2"})
    void shouldEncodeAndSortTheQueryByNameThenValue(String rawQuery, String canonical) {
        assertThat(SigV4Canonical.query(rawQuery)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/bucket/a%20b     | /bucket/a%20b",
            "/bucket/a%2bb     | /bucket/a%2Bb",
            "/bucket/test$file | /bucket/test%24file",
            "/bucket/a//./b/.. | /bucket/a//./b/..",
            "''                | /"})
    void shouldEncodeS3PathsOnceWithoutNormalising(String rawPath, String canonical) {
        assertThat(SigV4Canonical.path(rawPath, true)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/a%20b        | /a%2520b",
            "/a/./b/../c/  | /a/c/",
            "/a/b/..       | /a/",
            "/..           | /"})
    void shouldNormaliseAndEncodeAgainThePathsOfOtherServices(String rawPath, String canonical) {
        assertThat(SigV4Canonical.path(rawPath, false)).isEqualTo(canonical);
    }

    @Test
    void shouldLowerCaseNamesTrimValuesAndCollapseSpaces() {
        assertThat(SigV4Canonical.headers(URI.create("https://h.example.com/"), Map.of("X-Meta", "  a   b \t c  ")))
                .containsExactly(Map.entry("host", "h.example.com"), Map.entry("x-meta", "a b \t c"));
    }

    @Test
    void shouldRefuseAHeaderGivenTwiceInDifferentCase() {
        assertFails(() -> SigV4Canonical.headers(URI.create("https://h.example.com/"), Map.of("Range", "a", "range", "b")),
                ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("given twice");
    }
}
