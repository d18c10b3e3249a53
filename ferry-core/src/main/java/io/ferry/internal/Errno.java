package io.ferry.internal;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/** Linux errno values that Ferry reacts to, and readable names for messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENOSYS = 38;
    public static final int EPIPE = 32;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;

    private Errno() {
    }

    /** A symbolic name such as {@code EIO}, or {@code errno 123} for values not listed here. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case ENOENT -> "ENOENT (no such file or directory)";
            case EINTR -> "EINTR (interrupted system call)";
            case EIO -> "EIO (input/output error)";
            case EBADF -> "EBADF (bad file descriptor)";
            case EAGAIN -> "EAGAIN (resource temporarily unavailable)";
            case ENOMEM -> "ENOMEM (out of memory)";
            case EACCES -> "EACCES (permission denied)";
            case EFAULT -> "EFAULT (bad address)";
            case EEXIST -> "EEXIST (file exists)";
            case EISDIR -> "EISDIR (is a directory)";
            case EINVAL -> "EINVAL (invalid argument)";
            case ENOSPC -> "ENOSPC (no space left on device)";
            case ENOSYS -> "ENOSYS (function not implemented)";
            case EPIPE -> "EPIPE (broken pipe)";
            case EOPNOTSUPP -> "EOPNOTSUPP (operation not supported)";
            case EADDRINUSE -> "EADDRINUSE (address already in use)";
            case EADDRNOTAVAIL -> "EADDRNOTAVAIL (address not available)";
            case ENETUNREACH -> "ENETUNREACH (network is unreachable)";
            case ECONNRESET -> "ECONNRESET (connection reset by peer)";
            case ETIMEDOUT -> "ETIMEDOUT (connection timed out)";
            case ECONNREFUSED -> "ECONNREFUSED (connection refused)";
            case EHOSTUNREACH -> "EHOSTUNREACH (no route to host)";
            default -> "errno " + errno;
        };
    }

    /** An exception for a failed system call, naming the call, its context and the errno. */
    public static FerryException failure(String call, String context, int errno) {
        ErrorCode code = switch (errno) {
            case ENOENT -> ErrorCode.NOT_FOUND;
            case EINVAL -> ErrorCode.INVALID_ARGUMENT;
            default -> ErrorCode.IO_ERROR;
        };
        return new FerryException(code, call + "(" + context + ") failed: " + name(errno), errno, null);
    }
}
