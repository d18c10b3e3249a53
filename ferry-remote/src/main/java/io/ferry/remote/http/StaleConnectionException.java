package io.ferry.remote.http;

import io.ferry.FerryException;

/**
 * A request sent on a kept-alive connection, one that had served other requests, failed before its
 * answer began, because the connection ended: the server closed or reset it (its keep-alive
 * timeout ran out, or it had given all the answers it gives on one connection), or the request was
 * pipelined behind one whose connection failed. The server never answered it, so it can be sent
 * again on a new connection; the message and error code are those of the failure.
 */
public final class StaleConnectionException extends FerryException {
    public StaleConnectionException(FerryException failure) {
        super(failure.errorCode(), failure.getMessage(), failure);
    }
}
