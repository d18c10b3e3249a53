package io.ferry.remote;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** How a server's error body becomes part of a message. */
class HttpAccessTest {
    private static String describe(int status, String reason, String body) {
        return HttpAccess.errorText(status, reason, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepTheMessageOfAnErrorBodyOnceAndNothingElse() {
        assertThat(describe(413, "Request Entity Too Large", "<html><head><title>413 Request Entity Too Large</title></head>"
                + "<body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx/1.22.1</center></body></html>"))
                .isEqualTo("HTTP 413 Request Entity Too Large");
        assertThat(describe(503, "Service Unavailable", "<html><title>Down for maintenance</title></html>"))
                .isEqualTo("HTTP 503 Service Unavailable: Down for maintenance");
        assertThat(describe(403, "Forbidden", "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"))
                .contains("AccessDenied", "Access Denied");
        assertThat(describe(500, "Internal Server Error", "  plain\n text  ")).isEqualTo("HTTP 500 Internal Server Error: plain text");
        assertThat(describe(404, "Not Found", "")).isEqualTo("HTTP 404 Not Found");
        assertThat(describe(500, "Internal Server Error", "x".repeat(1000))).endsWith("...").hasSizeLessThan(400);
    }
}
