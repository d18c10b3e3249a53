package io.ferry.nvmf.internal.nvme;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** ASCII string fields: space-padded identifiers (SN, MN, FR) and NUL-terminated NQNs. */
public final class Text {
    private Text() {
    }

    /** Writes {@code text} into {@code length} bytes at {@code at}, padded with {@code pad}; longer text is cut. */
    public static void put(ByteBuffer b, int at, String text, int length, int pad) {
        int n = Math.min(text.length(), length);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            b.put(at + i, (byte) (c < 0x80 ? c : '?'));
        }
        for (int i = n; i < length; i++) {
            b.put(at + i, (byte) pad);
        }
    }

    /**
     * The NUL-terminated string of at most {@code length} bytes at {@code at}, or null when no NUL
     * ends it within the field.
     */
    public static String nulTerminated(ByteBuffer b, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (b.get(at + i) == 0) {
                byte[] bytes = new byte[i];
                b.get(at, bytes);
                return new String(bytes, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }
}
