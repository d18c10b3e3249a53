package io.ferry.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFreeUrlTest {
    @Test
    void shouldDropTheQueryOfAPresignedUrl() {
        assertThat(SecretFreeUrl.of("https://bucket.s3.amazonaws.com/big.bin?X-Amz-Credential=AKIA&X-Amz-Signature=ab12"))
                .isEqualTo("https://bucket.s3.amazonaws.com/big.bin");
    }

    @Test
    void shouldDropUserInformationAndFragmentButKeepHostPortAndPath() {
        assertThat(SecretFreeUrl.of("http://user:pa@ss@127.0.0.1:8080/a/b@c.bin#part")).isEqualTo("http://127.0.0.1:8080/a/b@c.bin");
        assertThat(SecretFreeUrl.of("s3://bucket/key/with space")).isEqualTo("s3://bucket/key/with space");
        assertThat(SecretFreeUrl.of("http://host")).isEqualTo("http://host");
    }

    @Test
    void shouldRedactEveryOccurrenceInAText() {
        String url = "http://h/o?sig=1";

        assertThat(SecretFreeUrl.redact("--filename=" + url, url)).isEqualTo("--filename=http://h/o");
        assertThat(SecretFreeUrl.redact("/data/file", null)).isEqualTo("/data/file");
    }
}
