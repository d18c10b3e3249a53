package io.ferry.testkit;

import java.io.IOException;

/** A request the {@link FaultyHttpServer} cannot parse; it answers 400 and closes the connection. */
final class MalformedRequestException extends IOException {
    MalformedRequestException(String message) {
        super(message);
    }
}
