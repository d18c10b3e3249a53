package io.ferry.remote.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every framing of a response body ends the exchange with exactly the body's bytes, on a real socket. */
class ResponseBodiesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello|hello|true",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nhel\\r\\n2\\r\\nlo\\r\\n0\\r\\n\\r\\n|hello|true",
            "HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello|hello|true",
            "HTTP/1.0 200 OK\\r\\n\\r\\nhello until the end|hello until the end|false"})
    void shouldEndTheExchangeWithTheWholeBody(String response, String body, boolean keptAlive) throws IOException {
        OneResponse answered = OneResponse.of(response.replace("\\r\\n", "\r\n"), !keptAlive);

        assertThat(answered.outcome().failure).isNull();
        assertThat(answered.outcome().body.toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
        assertThat(answered.idle()).isEqualTo(keptAlive);
    }
}
