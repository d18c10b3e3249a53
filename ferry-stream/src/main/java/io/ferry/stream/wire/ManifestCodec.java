package io.ferry.stream.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The encoded manifest (docs/design/stream.md, "Manifest"): a 16-byte head (magic, version, entry
 * count) and per entry 32 bytes (kind, path length, mode, size, base, modification time) followed by the path's UTF-8
 * bytes and, for a symbolic link, its target's UTF-8 bytes (as many as the size field says). It
 * travels in MANIFEST packets on channel 0 before any data.
 *
 * <p>{@link #decode} validates everything a receiver relies on: known kinds, safe unique paths,
 * nothing below a file or a link, permission bits only, files at block-aligned bases in increasing
 * order without overlap, link targets of strict UTF-8 without NUL, and the empty path only for DEST
 * itself (the one FILE of a single-file stream, or a tree's first entry, its root DIRECTORY). It
 * allocates in proportion to the bytes it was given, never to a count it read.
 */
public final class ManifestCodec {
    /** The magic number an encoded manifest starts with: "FRYM". */
    public static final int MAGIC_VALUE = 0x4652594d;
    /** The version of the manifest format this code writes and reads (3: a tree's root is its first entry). */
    public static final int VERSION_VALUE = 3;
    /** The head's size in bytes. */
    public static final int HEAD_SIZE = 16;
    /** Head offset of the magic number, u32: {@link #MAGIC_VALUE}. */
    public static final int MAGIC = 0;
    /** Head offset of the format version, u8, followed by 3 reserved bytes that must be zero. */
    public static final int VERSION = 4;
    /** Head offset of the number of entries, u32. */
    public static final int COUNT = 8;
    /** Head offset of 4 reserved bytes, which must be zero. */
    public static final int RESERVED = 12;

    /** The size of an entry in bytes, without its path. */
    public static final int ENTRY_SIZE = 32;
    /** Entry offset of the kind, u8: a {@link ManifestEntry.Kind#code()}. */
    public static final int ENTRY_KIND = 0;
    /** Entry offset of a reserved byte, which must be zero. */
    public static final int ENTRY_RESERVED = 1;
    /** Entry offset of the path's length in bytes, u16. */
    public static final int ENTRY_PATH_LENGTH = 2;
    /** Entry offset of the mode, u32: permission bits only. */
    public static final int ENTRY_MODE = 4;
    /** Entry offset of the file's size in bytes, u64; for a symbolic link, its target's length in bytes. */
    public static final int ENTRY_SIZE_FIELD = 8;
    /** Entry offset of the stream offset of the file's first byte, u64. */
    public static final int ENTRY_BASE = 16;
    /** Entry offset of the last modification time, i64 nanoseconds since the epoch; 0 when unknown. */
    public static final int ENTRY_MODIFIED = 24;

    /** The longest symbolic link target accepted, in UTF-8 bytes (PATH_MAX less the NUL). */
    public static final int MAX_TARGET_BYTES = 4095;

    private static final int MODE_BITS = 07777;

    /**
     * A decoded manifest, or why it was refused.
     *
     * @param manifest the manifest, or null when refused
     * @param check    {@link WireCheck#OK}, or the first thing found wrong
     */
    public record Result(Manifest manifest, WireCheck check) {
        static Result refused(WireCheck check) {
            return new Result(null, check);
        }
    }

    private ManifestCodec() {
    }

    /** Encodes {@code manifest}; its paths must fit the format (see {@link PathCheck}). */
    public static byte[] encode(Manifest manifest) {
        List<byte[]> paths = manifest.entries().stream().map(e -> e.path().getBytes(StandardCharsets.UTF_8)).toList();
        List<byte[]> targets = manifest.entries().stream().map(e -> e.target().getBytes(StandardCharsets.UTF_8)).toList();
        int length = HEAD_SIZE;
        for (int i = 0; i < paths.size(); i++) {
            length += ENTRY_SIZE + paths.get(i).length + targets.get(i).length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(MAGIC_VALUE).put((byte) VERSION_VALUE).put(new byte[3]).putInt(paths.size()).putInt(0);
        for (int i = 0; i < paths.size(); i++) {
            ManifestEntry entry = manifest.entries().get(i);
            long size = entry.kind() == ManifestEntry.Kind.SYMLINK ? targets.get(i).length : entry.size();
            out.put((byte) entry.kind().code()).put((byte) 0).putShort((short) paths.get(i).length)
                    .putInt(entry.mode()).putLong(size).putLong(entry.base()).putLong(entry.modifiedNs())
                    .put(paths.get(i)).put(targets.get(i));
        }
        return out.array();
    }

    /** Decodes and validates the manifest in {@code bytes} (position to limit) for a stream of {@code blockSize}. */
    public static Result decode(ByteBuffer bytes, int blockSize) {
        ByteBuffer in = bytes.slice();
        if (in.remaining() < HEAD_SIZE) {
            return Result.refused(WireCheck.TRUNCATED);
        }
        if (in.getInt(MAGIC) != MAGIC_VALUE) {
            return Result.refused(WireCheck.BAD_MAGIC);
        }
        if ((in.get(VERSION) & 0xff) != VERSION_VALUE) {
            return Result.refused(WireCheck.BAD_VERSION);
        }
        if ((in.getInt(VERSION) & 0xffffff) != 0 || in.getInt(RESERVED) != 0) {
            return Result.refused(WireCheck.RESERVED_NOT_ZERO);
        }
        long count = in.getInt(COUNT) & 0xffffffffL;
        if (count == 0 || count > (in.remaining() - HEAD_SIZE) / ENTRY_SIZE) {
            return Result.refused(WireCheck.BAD_LENGTH);
        }
        List<ManifestEntry> entries = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        int at = HEAD_SIZE;
        long nextBase = 0;
        for (long i = 0; i < count; i++) {
            if (in.limit() - at < ENTRY_SIZE) {
                return Result.refused(WireCheck.TRUNCATED);
            }
            ManifestEntry.Kind kind = ManifestEntry.Kind.of(in.get(at + ENTRY_KIND));
            int pathLength = in.getShort(at + ENTRY_PATH_LENGTH) & 0xffff;
            int mode = in.getInt(at + ENTRY_MODE);
            long size = in.getLong(at + ENTRY_SIZE_FIELD);
            long base = in.getLong(at + ENTRY_BASE);
            long modifiedNs = in.getLong(at + ENTRY_MODIFIED);
            if (kind == null || in.get(at + ENTRY_RESERVED) != 0 || (mode & ~MODE_BITS) != 0) {
                return Result.refused(WireCheck.BAD_ENTRY);
            }
            if (in.limit() - at - ENTRY_SIZE < pathLength) {
                return Result.refused(WireCheck.TRUNCATED);
            }
            String path = pathLength == 0 ? "" : PathCheck.decode(in.slice(at + ENTRY_SIZE, pathLength));
            if (path == null || (path.isEmpty() && !isRoot(kind, i, count)) || !paths.add(path)) {
                return Result.refused(WireCheck.BAD_PATH);
            }
            WireCheck placement = switch (kind) {
                case FILE -> checkFile(size, base, nextBase, blockSize);
                case DIRECTORY -> size == 0 && base == 0 ? WireCheck.OK : WireCheck.BAD_ENTRY;
                case SYMLINK -> size >= 1 && size <= MAX_TARGET_BYTES && base == 0 && mode == 0 ? WireCheck.OK
                        : WireCheck.BAD_ENTRY;
            };
            if (!placement.isOk()) {
                return Result.refused(placement);
            }
            at += ENTRY_SIZE + pathLength;
            if (kind == ManifestEntry.Kind.SYMLINK) {
                if (in.limit() - at < size) {
                    return Result.refused(WireCheck.TRUNCATED);
                }
                String target = PathCheck.decodeTarget(in.slice(at, (int) size));
                if (target == null) {
                    return Result.refused(WireCheck.BAD_ENTRY);
                }
                entries.add(ManifestEntry.symlink(path, target).modified(modifiedNs));
                at += (int) size;
            } else {
                if (kind == ManifestEntry.Kind.FILE) {
                    nextBase = base + roundUp(size, blockSize);
                }
                entries.add(new ManifestEntry(kind, path, mode, size, base, "", modifiedNs));
            }
        }
        if (at != in.limit()) {
            return Result.refused(WireCheck.BAD_LENGTH);
        }
        return nestsBelowNonDirectory(entries) ? Result.refused(WireCheck.BAD_PATH) : new Result(new Manifest(entries), WireCheck.OK);
    }

    /**
     * Whether an entry of {@code kind} at {@code index} may have the empty path, which names DEST itself:
     * the one file of a single-file stream, or a tree's first entry, its root directory.
     */
    private static boolean isRoot(ManifestEntry.Kind kind, long index, long count) {
        return kind == ManifestEntry.Kind.FILE ? count == 1 : kind == ManifestEntry.Kind.DIRECTORY && index == 0;
    }

    /** True when an entry's path lies below a file or a symbolic link of the manifest ("a/b" where "a" is a file). */
    private static boolean nestsBelowNonDirectory(List<ManifestEntry> entries) {
        Set<String> nonDirectories = new HashSet<>();
        for (ManifestEntry entry : entries) {
            if (entry.kind() != ManifestEntry.Kind.DIRECTORY) {
                nonDirectories.add(entry.path());
            }
        }
        for (ManifestEntry entry : entries) {
            String path = entry.path();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (nonDirectories.contains(path.substring(0, slash))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static WireCheck checkFile(long size, long base, long nextBase, int blockSize) {
        if (size < 0 || size > Long.MAX_VALUE / 2) {
            return WireCheck.BAD_LENGTH;
        }
        if (base < nextBase || base % blockSize != 0 || base > Long.MAX_VALUE / 2 - size) {
            return WireCheck.BAD_OFFSET;
        }
        return WireCheck.OK;
    }

    /** {@code value} rounded up to a multiple of {@code unit} (a power of two). */
    public static long roundUp(long value, int unit) {
        return (value + unit - 1) & -(long) unit;
    }
}
