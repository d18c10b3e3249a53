package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

class AwsUriEncodingTest {

    @Test
    void shouldKeepUnreservedCharactersAsTheyAre() {
        String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

        assertThat(AwsUriEncoding.encode(unreserved)).isSameAs(unreserved);
    }

    @Test
    void shouldEncodeEveryOtherByteWithUpperCaseHex() {
        assertThat(AwsUriEncoding.encode("a b+c%d*e=f&g/h")).isEqualTo("a%20b%2Bc%25d%2Ae%3Df%26g%2Fh");
        assertThat(AwsUriEncoding.encode("\u00e9\u1234")).isEqualTo("%C3%A9%E1%88%B4");
        assertThat(AwsUriEncoding.encode("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void shouldKeepSlashesInPathsEvenWhenDoubled() {
        assertThat(AwsUriEncoding.encodePath("dir//sub dir/~file+1")).isEqualTo("dir//sub%20dir/~file%2B1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a b+c", "100%", "%41", "caf\u00e9/\uD83D\uDE00", "a//b", "~user"})
    void shouldDecodeWhatItEncoded(String text) {
        assertThat(AwsUriEncoding.decode(AwsUriEncoding.encode(text))).isEqualTo(text);
    }

    @Test
    void shouldLeaveAPlusSignAPlusSignWhenDecoding() {
        assertThat(AwsUriEncoding.decode("a+b%20c")).isEqualTo("a+b c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "abc%2", "%zz", "%%41"})
    void shouldRefuseABrokenPercentEscape(String text) {
        assertFails(() -> AwsUriEncoding.decode(text), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("percent escape");
    }
}
