package io.ferry.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** One line for an {@link IOException} of the JDK's file API: the file and the named errno, no class names. */
public final class IoErrors {
    private IoErrors() {
    }

    /** {@code /path: ENOSPC (no space left on device)} for a failure while {@code path} was written or read. */
    public static String describe(Path path, IOException e) {
        return describe(path.toString(), e);
    }

    /** {@code what: ENOSPC (no space left on device)} for a failure while {@code what} (a file, or a name such as standard output) was written or read. */
    public static String describe(String what, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return describe(e);
        }
        return what + ": " + (e.getMessage() == null ? Errno.name(Errno.EIO) : Errno.nameOfReason(e.getMessage()));
    }

    /** {@code /path: EROFS (read-only file system)}, or the exception's own message when it names no file. */
    public static String describe(IOException e) {
        if (!(e instanceof FileSystemException f) || f.getFile() == null) {
            return e.getMessage() == null ? Errno.name(Errno.EIO) : e.getMessage();
        }
        String reason = switch (f) {
            case NoSuchFileException n -> Errno.name(Errno.ENOENT);
            case AccessDeniedException a -> Errno.name(Errno.EACCES);
            case FileAlreadyExistsException x -> Errno.name(Errno.EEXIST);
            case DirectoryNotEmptyException d -> Errno.name(Errno.ENOTEMPTY);
            case NotDirectoryException d -> Errno.name(Errno.ENOTDIR);
            default -> f.getReason() == null ? Errno.name(Errno.EIO) : Errno.nameOfReason(f.getReason());
        };
        return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
    }
}
