package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.wire.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a receiver's DEST is, found once before a stream arrives (symbolic links followed): it decides
 * how the stream is written there, whether it can be made durable, and whether a resume record is kept.
 */
public enum DestinationKind {
    /** Nothing yet: a single file's stream creates the file, a tree's the directory. */
    ABSENT("nothing"),
    /** A regular file: replaced by a single file's stream (written beside it, then renamed over it). */
    FILE("a regular file"),
    /** A directory: a tree's stream writes into it. */
    DIRECTORY("a directory"),
    /** A block device: written in place at offsets and fsynced; its resume record needs a path of its own. */
    BLOCK_DEVICE("a block device"),
    /**
     * A character device ({@code /dev/null}): written in place at offsets, never fsynced (it may refuse
     * to: EINVAL) and given no resume record, since a resume cannot know what it holds.
     */
    CHARACTER_DEVICE("a character device"),
    /** A FIFO: refused, since a stream is written at offsets, in any order. */
    FIFO("a FIFO"),
    /** A socket: refused, as a FIFO. */
    SOCKET("a socket");

    private static final int TYPE_MASK = 0170000;
    private final String description;

    DestinationKind(String description) {
        this.description = description;
    }

    /** Classifies {@code dest}, following symbolic links. */
    public static DestinationKind of(Path dest) {
        int type;
        try {
            type = (int) Files.getAttribute(dest, "unix:mode") & TYPE_MASK;
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot look at " + dest + ": " + e.getMessage(), e);
        }
        return switch (type) {
            case 0100000 -> FILE;
            case 0040000 -> DIRECTORY;
            case 0060000 -> BLOCK_DEVICE;
            case 0020000 -> CHARACTER_DEVICE;
            case 0140000 -> SOCKET;
            default -> FIFO; // 0010000: the only type left, since links were followed
        };
    }

    /** A device: written in place (it cannot be renamed), with zero runs written (it has no holes that read zeros). */
    public boolean isDevice() {
        return this == BLOCK_DEVICE || this == CHARACTER_DEVICE;
    }

    /** Whether what is written can be made durable (fsync) and resumed from a record: not for a character device. */
    public boolean isDurable() {
        return this != CHARACTER_DEVICE;
    }

    /**
     * Refuses at once what cannot take a stream with {@code options}: a FIFO or socket, a resume or a
     * resume record path for a character device, a block device without a resume record path of its own.
     *
     * @return this kind
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT}, one line naming {@code dest}
     */
    public DestinationKind check(Path dest, ReceiverOptions options) {
        if (this == FIFO || this == SOCKET) {
            throw refused(dest + " is " + description + ": a stream is written at offsets, in any order, so it needs "
                    + "a file, a device or a directory");
        }
        if (this == CHARACTER_DEVICE && (options.resume() || options.recordPath() != null)) {
            throw refused((options.resume() ? "cannot resume into " : "no resume record path for ") + dest
                    + ": it is a character device, which keeps no resume record (what it holds cannot be known)");
        }
        if (this == BLOCK_DEVICE && options.recordPath() == null) {
            throw refused(dest + " is a block device: give the resume record a path of its own "
                    + "(ReceiverOptions.withRecordPath)");
        }
        return this;
    }

    /**
     * Null when a stream of {@code manifest} fits here; else why not: a single file's stream needs a
     * file or device, a tree's a directory or nothing.
     */
    FerryException misfit(Path dest, Manifest manifest) {
        if (manifest.isSingle() && this == DIRECTORY) {
            return refused(dest + " is a directory: the stream of a single file needs the path of a file or device");
        }
        if (!manifest.isSingle() && this != DIRECTORY && this != ABSENT) {
            return refused(dest + " is " + description + ": the stream of a directory tree needs a directory "
                    + "(or a path that does not exist yet)");
        }
        return null;
    }

    private static FerryException refused(String message) {
        return new FerryException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
