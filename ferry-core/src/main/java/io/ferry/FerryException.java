package io.ferry;

/**
 * The one exception root of Ferry. Every failure carries a stable {@link ErrorCode}; failures
 * reported by the operating system also carry the system call and the errno.
 */
public class FerryException extends RuntimeException {
    private final ErrorCode errorCode;
    private final int errno;

    public FerryException(ErrorCode errorCode, String message) {
        this(errorCode, message, 0, null);
    }

    public FerryException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, 0, cause);
    }

    public FerryException(ErrorCode errorCode, String message, int errno, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.errno = errno;
    }

    /** The stable error code of this failure. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The errno reported by the operating system, or 0 when the failure did not come from it. */
    public int errno() {
        return errno;
    }
}
