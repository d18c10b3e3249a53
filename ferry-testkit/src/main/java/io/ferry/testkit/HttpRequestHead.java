package io.ferry.testkit;

import java.util.SortedMap;

/** The request line and headers of one request, as parsed by {@link HttpRequestReader}. */
record HttpRequestHead(String method, String target, String version, SortedMap<String, String> headers) {
    String path() {
        return RecordedRequest.pathOf(target);
    }

    String header(String name) {
        return headers.get(name);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** HTTP/1.1 keeps the connection unless asked to close it; HTTP/1.0 closes it unless asked to keep it. */
    boolean keepAlive() {
        String connection = header("Connection");
        if (version.equals("HTTP/1.0")) {
            return connection != null && connection.equalsIgnoreCase("keep-alive");
        }
        return connection == null || !connection.equalsIgnoreCase("close");
    }

    boolean expectsContinue() {
        String expect = header("Expect");
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    RecordedRequest record(int connection, long bodyLength) {
        return new RecordedRequest(connection, method, target, headers, bodyLength);
    }
}
