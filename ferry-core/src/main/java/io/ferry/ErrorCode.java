package io.ferry;

/**
 * Stable error codes of {@link FerryException}. The numeric {@link #code()} of a constant never
 * changes once released; new codes are appended.
 */
public enum ErrorCode {
    /** An argument is malformed: null, negative, empty, out of its allowed set. */
    INVALID_ARGUMENT(1),
    /** An offset or length falls outside the memory or target it refers to, or overflows. */
    OUT_OF_RANGE(2),
    /** The object was closed or released and cannot be used any more. */
    CLOSED(3),
    /** The call is not allowed in the object's current state. */
    ILLEGAL_STATE(4),
    /** No engine or backend is registered under the given name. */
    UNKNOWN_ENGINE(5),
    /** The engine exists but cannot run on this machine; the message says why. */
    ENGINE_UNSUPPORTED(6),
    /** The operating system reported an I/O error; the message names the call and errno. */
    IO_ERROR(7),
    /** A read reached the end of the file before the requested range was complete. */
    END_OF_FILE(8),
    /** A direct-I/O request is not aligned to what the device requires. */
    UNALIGNED(9),
    /** The transfer was cancelled before this descriptor completed. */
    CANCELLED(10),
    /** A bounded queue is full; retry once in-flight work has completed. */
    QUEUE_FULL(11),
    /** A file or object does not exist. */
    NOT_FOUND(12),
    /** A wait ran out of time. */
    TIMED_OUT(13),
    /** A setting has an invalid value, alone or combined with another setting. */
    INVALID_SETTING(14),
    /** Data read back differs from what was expected. */
    VERIFY_FAILED(15),
    /** A waiting thread was interrupted. */
    INTERRUPTED(16),
    /** The server refused access (HTTP 401 or 403): missing or wrong credentials, or no permission. */
    ACCESS_DENIED(17),
    /** A peer broke the protocol: a malformed or unexpected message, or one refused (unknown stream, duplicate channel). */
    PROTOCOL_ERROR(18);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The stable numeric value of this code. */
    public int code() {
        return code;
    }

    /** The constant with numeric value {@code code}, or null when there is none. */
    public static ErrorCode of(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
