package io.ferry.remote.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a server sends back, the exchange ends with a clear failure: no hang, no crash, no success. */
class MalformedResponseTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "garbage\r\n\r\n",
            "HTTP/1.1 abc OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Length: 12\r\n\r\n0123456789",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "\u0000\u0001\u0002\u00ff\r\n\r\n"})
    void shouldFailTheExchangeOnAMalformedResponse(String response) throws IOException {
        OneResponse answered = OneResponse.of(response, false);

        assertThat(answered.outcome().ended).as("never a success").isFalse();
        assertThat(answered.outcome().failure).as("a failure, not a hang").isNotNull();
        assertThat(answered.outcome().failure.getMessage()).contains("127.0.0.1");
        assertThat(answered.closed()).isTrue();
    }
}
