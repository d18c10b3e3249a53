package io.ferry.stream.prepare;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.wire.CodecId;

/**
 * A compression method and its level, as written on the command line: {@code none}, {@code lz4},
 * {@code zstd} or {@code zstd:LEVEL} (1 to 19, default 1).
 *
 * @param id    the codec number on the wire ({@link CodecId})
 * @param level the compression level (zstd only; 0 for the others)
 */
public record Codec(int id, int level) {
    /** No compression. */
    public static final Codec NONE = new Codec(CodecId.NONE, 0);
    /** LZ4, which has no levels. */
    public static final Codec LZ4 = new Codec(CodecId.LZ4, 0);
    /** The highest zstd level accepted. */
    public static final int MAX_ZSTD_LEVEL = 19;

    /** Checks the codec number is known and the level in its range: 1 to {@link #MAX_ZSTD_LEVEL} for zstd, else 0. */
    public Codec {
        if (!CodecId.isKnown(id)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown codec number " + id);
        }
        if (id == CodecId.ZSTD ? level < 1 || level > MAX_ZSTD_LEVEL : level != 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "codec level " + level + " is out of range for "
                    + name(id) + (id == CodecId.ZSTD ? " (1 to " + MAX_ZSTD_LEVEL + ")" : " (it has no levels)"));
        }
    }

    /** Zstandard at {@code level}, 1 to {@link #MAX_ZSTD_LEVEL}. */
    public static Codec zstd(int level) {
        return new Codec(CodecId.ZSTD, level);
    }

    /** Parses {@code none}, {@code lz4}, {@code zstd} or {@code zstd:LEVEL}. */
    public static Codec parse(String text) {
        String[] parts = text.trim().split(":", 2);
        String name = parts[0];
        Codec codec = switch (name) {
            case "none" -> parts.length == 1 ? NONE : null;
            case "lz4" -> parts.length == 1 ? LZ4 : null;
            case "zstd" -> zstd(parts.length == 1 ? 1 : level(parts[1]));
            default -> null;
        };
        if (codec == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "unknown codec '" + text + "'; use none, lz4, zstd or zstd:LEVEL");
        }
        return codec;
    }

    private static int level(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "zstd level '" + text + "' is not a number");
        }
    }

    /** A new encoder (one per channel); {@code blockSize} bounds its input. */
    public Encoder newEncoder(int blockSize) {
        return switch (id) {
            case CodecId.ZSTD -> new ZstdEncoder(level);
            case CodecId.LZ4 -> new Lz4Encoder();
            default -> Encoder.NONE;
        };
    }

    /** A new decoder for packets of codec number {@code id} (one per channel). */
    public static Decoder newDecoder(int id) {
        return switch (id) {
            case CodecId.ZSTD -> new ZstdDecoder();
            case CodecId.LZ4 -> new Lz4Decoder();
            default -> Decoder.NONE;
        };
    }

    static String name(int id) {
        return switch (id) {
            case CodecId.ZSTD -> "zstd";
            case CodecId.LZ4 -> "lz4";
            default -> "none";
        };
    }

    @Override
    public String toString() {
        return id == CodecId.ZSTD ? "zstd:" + level : name(id);
    }
}
