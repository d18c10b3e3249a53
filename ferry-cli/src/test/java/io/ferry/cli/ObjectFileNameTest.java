package io.ferry.cli;

import io.ferry.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The name get saves an object under: a URL path's last segment decoded, as curl -O; an S3 key's literally, as aws s3 cp. */
class ObjectFileNameTest {
    @ParameterizedTest
    @CsvSource({
            "http://host/dir/a%20b.txt?x=1#f, a b.txt",
            "https://host/file.tar.gz,        file.tar.gz",
            "s3://bucket/dir/é x+y.bin,       é x+y.bin",
            "s3://bucket/a%20b,               a%20b",
            "S3://bucket/key,                 key"})
    void shouldNameTheFileAfterTheLastSegment(String url, String expected) {
        assertThat(ObjectFileName.of(url)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseAUrlThatNamesNoFile() {
        assertThatThrownBy(() -> ObjectFileName.of("http://host/dir/")).isInstanceOf(FerryException.class)
                .hasMessage("http://host/dir/ names no file to save it as (its path ends with /): give FILE");
        assertThatThrownBy(() -> ObjectFileName.of("s3://bucket/dir/")).hasMessageContaining("(its path ends with /)");
        assertThatThrownBy(() -> ObjectFileName.of("http://host/a b")).hasMessage("http://host/a b: not a valid URL (Illegal character in path)");
    }
}
