package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The one-line failures of credential sources: each names the source (such as
 * {@code web identity (AWS_WEB_IDENTITY_TOKEN_FILE)}) and then what was wrong.
 */
final class SourceFailures {
    private SourceFailures() {
    }

    static FerryException failure(ErrorCode code, String source, String what) {
        return new FerryException(code, source + ": " + what);
    }

    /** The service at {@code uri} could not be reached, or the exchange broke off. */
    static FerryException unreachable(String source, URI uri, Duration timeout, IOException cause) {
        boolean timedOut = cause instanceof SocketTimeoutException;
        String reason = timedOut ? "no answer within " + timeout.toMillis() + " ms"
                : cause instanceof UnknownHostException ? "unknown host " + uri.getHost()
                : cause.getMessage() == null ? "the connection failed" : cause.getMessage();
        return new FerryException(timedOut ? ErrorCode.TIMED_OUT : ErrorCode.IO_ERROR,
                source + ": cannot reach " + uri.getScheme() + "://" + uri.getRawAuthority() + " (" + reason + ")", cause);
    }

    /** The service answered with an error status; {@code detail} is what its body says, or empty. */
    static FerryException refused(String source, BlockingHttp.Reply reply, String detail) {
        ErrorCode code = reply.status() == 401 || reply.status() == 403 ? ErrorCode.ACCESS_DENIED : ErrorCode.IO_ERROR;
        return failure(code, source, "HTTP " + reply.status() + " " + reply.reason() + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The first line of a body, shortened, for messages: services explain refusals in a line or two. */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
