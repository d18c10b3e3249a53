package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * A server answered with an error status. The message names the request, the status and the
 * server's own message (for S3, its error code and message).
 */
public final class HttpStatusException extends FerryException {
    /** The HTTP status; part of the serialized form. */
    private final int status;
    /** The {@code Location} of a redirect, or null; part of the serialized form. */
    private final String redirect;

    HttpStatusException(int status, String message) {
        this(status, message, null);
    }

    /** @param redirect the {@code Location} of a redirect (3xx), or null */
    HttpStatusException(int status, String message, String redirect) {
        super(codeOf(status), message);
        this.status = status;
        this.redirect = redirect;
    }

    /** Where a redirect (301, 302, 303, 307, 308) points, as the server wrote it; null for other answers. */
    String redirect() {
        return redirect;
    }

    /** The HTTP status, such as 404. */
    public int status() {
        return status;
    }

    private static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCode.ACCESS_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 416 -> ErrorCode.OUT_OF_RANGE;
            default -> ErrorCode.IO_ERROR;
        };
    }
}
