package io.ferry.testkit;

import java.util.Map;

/**
 * One request a {@link FaultyHttpServer} received, for assertions.
 *
 * @param connection the number of the connection it came on, counted from 1 in the order the
 *                   server accepted them: requests with the same number shared a connection
 * @param method     as sent, for example {@code "GET"}
 * @param target     the request target as sent: path and query
 * @param headers    the headers, looked up case-insensitively; repeated headers are joined with {@code ", "}
 * @param bodyLength the length of the request body as received (0 when the server refused it before reading it)
 */
public record RecordedRequest(int connection, String method, String target, Map<String, String> headers, long bodyLength) {
    /** The target without its query. */
    public String path() {
        return pathOf(target);
    }

    /** The header's value, or null when it was not sent. */
    public String header(String name) {
        return headers.get(name);
    }

    static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}
