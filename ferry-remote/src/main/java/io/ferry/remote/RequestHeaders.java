package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Locale;
import java.util.Set;

/**
 * Checks the extra headers an application adds to its HTTP requests: a name that is an HTTP
 * token, a value without line breaks (which would smuggle a header or a request in), and none of
 * the headers that Ferry's requests manage themselves.
 */
final class RequestHeaders {
    private static final Set<String> MANAGED = Set.of("host", "content-length", "transfer-encoding", "connection", "range",
            "if-match", "if-unmodified-since", "expect");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private RequestHeaders() {
    }

    static void check(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0))) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "header '" + name + "': not a valid header name");
        }
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "header '" + name + "': set by Ferry itself, it cannot be given");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "header '" + name + "': its value must be one line");
        }
    }
}
