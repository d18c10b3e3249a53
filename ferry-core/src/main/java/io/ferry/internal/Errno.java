package io.ferry.internal;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Locale;
import java.util.Map;

/** Linux errno values that Ferry reacts to, and readable names for messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int EPIPE = 32;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EDQUOT = 122;
    public static final int ECANCELED = 125;

    /** What each errno value is called and means, as glibc's strerror says it (asm-generic/errno-base.h, errno.h). */
    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            known(EPERM, "EPERM", "Operation not permitted"),
            known(ENOENT, "ENOENT", "No such file or directory"),
            known(EINTR, "EINTR", "Interrupted system call"),
            known(EIO, "EIO", "Input/output error"),
            known(ENXIO, "ENXIO", "No such device or address"),
            known(EBADF, "EBADF", "Bad file descriptor"),
            known(EAGAIN, "EAGAIN", "Resource temporarily unavailable"),
            known(ENOMEM, "ENOMEM", "Cannot allocate memory"),
            known(EACCES, "EACCES", "Permission denied"),
            known(EFAULT, "EFAULT", "Bad address"),
            known(EBUSY, "EBUSY", "Device or resource busy"),
            known(EEXIST, "EEXIST", "File exists"),
            known(EXDEV, "EXDEV", "Invalid cross-device link"),
            known(ENODEV, "ENODEV", "No such device"),
            known(ENOTDIR, "ENOTDIR", "Not a directory"),
            known(EISDIR, "EISDIR", "Is a directory"),
            known(EINVAL, "EINVAL", "Invalid argument"),
            known(ENFILE, "ENFILE", "Too many open files in system"),
            known(EMFILE, "EMFILE", "Too many open files"),
            known(ETXTBSY, "ETXTBSY", "Text file busy"),
            known(EFBIG, "EFBIG", "File too large"),
            known(ENOSPC, "ENOSPC", "No space left on device"),
            known(ESPIPE, "ESPIPE", "Illegal seek"),
            known(EROFS, "EROFS", "Read-only file system"),
            known(EMLINK, "EMLINK", "Too many links"),
            known(EPIPE, "EPIPE", "Broken pipe"),
            known(ENAMETOOLONG, "ENAMETOOLONG", "File name too long"),
            known(ENOSYS, "ENOSYS", "Function not implemented"),
            known(ENOTEMPTY, "ENOTEMPTY", "Directory not empty"),
            known(ELOOP, "ELOOP", "Too many levels of symbolic links"),
            known(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported"),
            known(EADDRINUSE, "EADDRINUSE", "Address already in use"),
            known(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address"),
            known(ENETUNREACH, "ENETUNREACH", "Network is unreachable"),
            known(ECONNRESET, "ECONNRESET", "Connection reset by peer"),
            known(ETIMEDOUT, "ETIMEDOUT", "Connection timed out"),
            known(ECONNREFUSED, "ECONNREFUSED", "Connection refused"),
            known(EHOSTUNREACH, "EHOSTUNREACH", "No route to host"),
            known(EDQUOT, "EDQUOT", "Disk quota exceeded"),
            known(ECANCELED, "ECANCELED", "Operation canceled"));

    private record Known(String symbol, String meaning) {
    }

    private Errno() {
    }

    /** A symbolic name with its meaning, such as {@code EIO (input/output error)}, or {@code errno 123} for values not listed. */
    public static String name(int errno) {
        Known known = KNOWN.get(errno);
        return known == null ? "errno " + errno : known.symbol() + " (" + known.meaning().toLowerCase(Locale.ROOT) + ")";
    }

    /**
     * The {@linkplain #name named} errno whose strerror text is {@code reason} (as the JDK puts it in a
     * {@code FileSystemException}), or {@code reason} itself in lower case when it is not one of them.
     */
    public static String nameOfReason(String reason) {
        int errno = 0;
        int longest = 0;
        for (Map.Entry<Integer, Known> known : KNOWN.entrySet()) {
            String meaning = known.getValue().meaning();
            if (reason.startsWith(meaning) && meaning.length() > longest) {
                errno = known.getKey();
                longest = meaning.length();
            }
        }
        return errno == 0 ? reason.toLowerCase(Locale.ROOT) : name(errno);
    }

    private static Map.Entry<Integer, Known> known(int errno, String symbol, String meaning) {
        return Map.entry(errno, new Known(symbol, meaning));
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
