package io.ferry.stream.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Which relative paths a receiver accepts: strict UTF-8, '/'-separated, not absolute, no empty,
 * {@code .} or {@code ..} component, no NUL, at most {@link #MAX_PATH_BYTES} bytes and
 * {@link #MAX_NAME_BYTES} per component. Any other byte is allowed (spaces, newlines, any script).
 * Such a path can only name something below the destination, as long as no directory on the way is
 * a symbolic link; the receiver checks that separately.
 */
public final class PathCheck {
    /** The longest path accepted, in UTF-8 bytes. */
    public static final int MAX_PATH_BYTES = 4096;
    /** The longest component of a path accepted, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private PathCheck() {
    }

    /** The decoded path, or null when the bytes are not a safe relative path. */
    public static String decode(ByteBuffer bytes) {
        if (bytes.remaining() == 0 || bytes.remaining() > MAX_PATH_BYTES) {
            return null;
        }
        String path = strictUtf8(bytes);
        return path != null && isSafe(path) ? path : null;
    }

    /**
     * The decoded target of a symbolic link, or null when the bytes are not strict UTF-8 or hold a NUL.
     * Any other target is accepted, absolute or leading out of the destination, as tar and rsync make
     * them: the receiver makes the link and never writes through it.
     */
    public static String decodeTarget(ByteBuffer bytes) {
        String target = strictUtf8(bytes);
        return target == null || target.isEmpty() || target.indexOf('\0') >= 0 ? null : target;
    }

    private static String strictUtf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** True for a relative path the receiver accepts (see the class comment). */
    public static boolean isSafe(String path) {
        if (path.isEmpty() || path.indexOf('\0') >= 0 || path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return false;
        }
        for (String name : path.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")
                    || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return false;
            }
        }
        return true;
    }
}
