package io.ferry;

/**
 * The one exception root of Ferry. Every failure carries a stable {@link ErrorCode}; failures
 * reported by the operating system also carry the system call and the errno.
 */
public class FerryException extends RuntimeException {
    /** The stable code; part of the serialized form. */
    private final ErrorCode errorCode;
    /** The operating system's errno, or 0; part of the serialized form. */
    private final int errno;

    /** A failure with {@code errorCode} and a one-line {@code message}. */
    public FerryException(ErrorCode errorCode, String message) {
        this(errorCode, message, 0, null);
    }

    /** A failure with {@code errorCode}, a one-line {@code message} and the {@code cause} behind it. */
    public FerryException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, 0, cause);
    }

    /** A failure the operating system reported with {@code errno} (0 when none), and its {@code cause} or null. */
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
