package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/** A response that breaks HTTP/1.1 framing: the connection cannot be trusted for anything after it. */
final class MalformedResponse extends FerryException {
    MalformedResponse(String server, String problem) {
        super(ErrorCode.IO_ERROR, "malformed response from " + server + ": " + problem);
    }
}
