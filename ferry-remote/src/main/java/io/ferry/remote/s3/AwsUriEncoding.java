package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URI encoding AWS Signature Version 4 requires: every UTF-8 byte except the unreserved
 * characters {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XY} with upper-case hex. Unlike
 * {@link java.net.URLEncoder}, a space is {@code %20} (never {@code +}) and {@code *} is encoded.
 * Use it for object keys in paths and for every query parameter name and value.
 */
public final class AwsUriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AwsUriEncoding() {
    }

    /** Encodes a query parameter name or value; {@code /} is encoded too. */
    public static String encode(String text) {
        return encode(text, false);
    }

    /** Encodes a path such as an object key; {@code /} is kept, so {@code a//b} stays {@code a//b}. */
    public static String encodePath(String path) {
        return encode(path, true);
    }

    /** Reverses {@code %XY} escapes, reading the bytes as UTF-8; {@code +} stays a plus sign. */
    public static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int start = 0;
        for (int escape = text.indexOf('%'); escape >= 0; escape = text.indexOf('%', start)) {
            bytes.writeBytes(text.substring(start, escape).getBytes(StandardCharsets.UTF_8));
            int high = escape + 2 < text.length() ? Character.digit(text.charAt(escape + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(escape + 2), 16) : -1;
            if (low < 0) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                        "bad percent escape at index " + escape + " of '" + text + "'");
            }
            bytes.write(high << 4 | low);
            start = escape + 3;
        }
        bytes.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text, boolean keepSlash) {
        int plain = 0;
        while (plain < text.length() && keeps(text.charAt(plain), keepSlash)) {
            plain++;
        }
        if (plain == text.length()) {
            return text;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 16);
        for (byte b : utf8) {
            char c = (char) (b & 0xFF);
            if (keeps(c, keepSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean keeps(char c, boolean keepSlash) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
    }
}
