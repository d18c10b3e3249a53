package io.ferry.stream.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stream failed (type {@link PacketType#ERROR}): {@link #ERROR_CODE} holds the sender's
 * {@link io.ferry.ErrorCode#code()}, the payload a UTF-8 message of at most
 * {@link PacketHeader#MAX_ERROR_MESSAGE} bytes. Sent best effort before a channel is closed.
 */
public final class ErrorPacket {
    /** Header offset of the error code: {@link PacketHeader#LENGTH}. */
    public static final int ERROR_CODE = PacketHeader.LENGTH;

    private ErrorPacket() {
    }

    /** Writes header and message (cut to fit, on a character boundary); returns the packet's size. */
    public static int write(ByteBuffer buffer, int at, int channel, long streamId, long sequence, int errorCode,
                            String message) {
        byte[] text = fit(message);
        PacketHeader.write(buffer, at, PacketType.ERROR, CodecId.NONE, channel, text.length, streamId, sequence, 0,
                errorCode);
        buffer.put(at + PacketHeader.SIZE, text);
        return PacketHeader.SIZE + text.length;
    }

    /** The sender's error code (see {@link io.ferry.ErrorCode#code()}). */
    public static int errorCode(ByteBuffer buffer, int at) {
        return (int) buffer.getLong(at + ERROR_CODE);
    }

    /** The message of {@code length} bytes at {@code at}; malformed UTF-8 becomes replacement characters. */
    public static String message(ByteBuffer buffer, int at, int length) {
        byte[] bytes = new byte[Math.min(length, PacketHeader.MAX_ERROR_MESSAGE)];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] fit(String message) {
        String text = message;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        while (bytes.length > PacketHeader.MAX_ERROR_MESSAGE) {
            int end = text.length() * 3 / 4;
            // Never between the two halves of a surrogate pair, which would arrive as a replacement character.
            text = text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end);
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
