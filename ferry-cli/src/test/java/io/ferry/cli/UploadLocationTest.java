package io.ferry.cli;

import io.ferry.FerryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where put uploads: the file's name goes under a bucket or a URL ending with /, as aws s3 cp and curl -T do. */
class UploadLocationTest {
    @ParameterizedTest
    @CsvSource({
            "s3://bucket/key.bin,         data/a.bin,  s3://bucket/key.bin",
            "s3://bucket,                 data/a.bin,  s3://bucket/a.bin",
            "s3://bucket/,                data/a.bin,  s3://bucket/a.bin",
            "s3://bucket/dir/,            a b.bin,     s3://bucket/dir/a b.bin",
            "http://host:8080/up/,        data/a b.bin, http://host:8080/up/a%20b.bin",
            "http://host,                 a.bin,       http://host/a.bin",
            "https://host/x/?sig=1,       a.bin,       https://host/x/?sig=1",
            "http://host/up/,             é:1.bin,     http://host/up/%C3%A9%3A1.bin",
            "http://host/up/file,         a.bin,       http://host/up/file"})
    void shouldAppendTheFilesNameWhereTheUrlNamesNoObject(String url, String file, String expected) {
        assertThat(UploadLocation.of(url, file)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"s3://bucket/dir/", "http://host/"})
    void shouldRefuseStandardInputWhereTheUrlNamesNoObject(String url) {
        assertThatThrownBy(() -> UploadLocation.of(url, "-")).isInstanceOf(FerryException.class)
                .hasMessage(url + " names no object, and standard input has no name to upload it under: give the object's whole URL");
        assertThat(UploadLocation.of("s3://bucket/key", "-")).isEqualTo("s3://bucket/key");
    }
}
