package io.ferry.testkit;

import java.io.IOException;

/** Where the normal answers of a {@link FaultyHttpServer} come from: its own objects, or the server it forwards to. */
interface Answers {
    /**
     * The answer to a request whose body has been read.
     *
     * @param rangeFault {@link Fault.Kind#IGNORE_RANGE}, {@link Fault.Kind#WRONG_CONTENT_RANGE} or null
     * @throws IOException when the request cannot be answered because the server is closing
     */
    Response answer(HttpRequestHead head, byte[] body, Fault.Kind rangeFault) throws IOException;
}
