package io.ferry.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shared secret of {@code ferry send} and {@code ferry receive}: the text the user gives, carried
 * as its SHA-256 (the handshake's 32 token bytes), so any length works and the text itself never
 * goes on the wire. A receiver given none makes a random one and prints it: a stream is never
 * accepted without one.
 */
final class StreamToken {
    private StreamToken() {
    }

    /** A new random token: 128 bits as 32 hex digits. */
    static String generate() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The 32 bytes the handshake carries for {@code text}. */
    static byte[] bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
