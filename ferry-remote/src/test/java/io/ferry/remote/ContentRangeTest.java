package io.ferry.remote;

import io.ferry.remote.http.ResponseHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Lengths from headers are digits or nothing: a malformed or unknown one is empty, never a negative number. */
class ContentRangeTest {
    private static ResponseHead response(String name, String value) {
        ResponseHead response = ResponseHead.of(206, "Partial Content");
        response.headers().set(name, value);
        return response;
    }

    @Test
    void shouldParseARangeWithAKnownOrAnUnknownTotal() {
        assertThat(ContentRange.parse("bytes 0-9/100")).isEqualTo(new ContentRange(0, 9, OptionalLong.of(100)));
        assertThat(ContentRange.parse("bytes 90-99/*")).isEqualTo(new ContentRange(90, 99, OptionalLong.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes 0-9/-5", "bytes 5-3/10", "bytes 0-9/9", "bytes +1-9/10", "bytes -1-9/10", "bytes 0-9",
            "bytes */10", "items 0-9/10", "bytes 0-9/1e3", "bytes 0 - 9/10"})
    void shouldRefuseAMalformedRange(String header) {
        assertThat(ContentRange.parse(header)).isNull();
    }

    @Test
    void shouldReadTheTotalOfAnUnsatisfiedRangeOnly() {
        assertThat(ContentRange.unsatisfiedTotal(response("Content-Range", "bytes */0"))).hasValue(0);
        assertThat(ContentRange.unsatisfiedTotal(response("Content-Range", "bytes */*"))).isEmpty();
        assertThat(ContentRange.unsatisfiedTotal(response("Content-Range", "bytes 0-0/1"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+5", "", "5, 5", "0x10", "12345678901234567890"})
    void shouldGiveNoContentLengthForAMalformedOne(String value) {
        assertThat(ContentRange.contentLength(response("Content-Length", value))).isEmpty();
    }

    @Test
    void shouldGiveAWellFormedContentLength() {
        assertThat(ContentRange.contentLength(response("Content-Length", "42"))).hasValue(42);
        assertThat(ContentRange.contentLength(ResponseHead.of(200, "OK"))).isEmpty();
    }
}
