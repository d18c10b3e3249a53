package io.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The file system that holds the benchmark file, as the kernel lists its mount in
 * {@code /proc/self/mountinfo}.
 *
 * @param type       the file system type, such as {@code ext4}, {@code xfs} or {@code tmpfs}
 * @param device     the mount source, such as {@code /dev/nvme0n1p2}
 * @param mountPoint where it is mounted, such as {@code /} or {@code /data}
 */
public record FileSystemInfo(String type, String device, String mountPoint) {
    /** What is reported when the mount cannot be found. */
    public static final FileSystemInfo UNKNOWN = new FileSystemInfo(RunInfo.UNKNOWN, RunInfo.UNKNOWN, RunInfo.UNKNOWN);

    public FileSystemInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mountPoint, "mountPoint");
    }

    /**
     * The mount that holds {@code directory} (or, if it does not exist yet, its nearest existing
     * ancestor), found in this process's {@code /proc/self/mountinfo} after resolving symbolic
     * links; {@link #UNKNOWN} when it cannot be found, for any reason.
     */
    static FileSystemInfo of(Path directory) {
        Path existing = directory == null ? null : directory.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return UNKNOWN;
        }
        try {
            Path real = existing.toRealPath();
            return ProcFiles.read(ProcFiles.MOUNT_INFO).map(text -> fromMountInfo(text, real)).orElse(UNKNOWN);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * The mount of {@code directory} in a {@code /proc/self/mountinfo} text: the one with the
     * longest mount point that is {@code directory} or one of its ancestors, compared by path
     * components; of mounts stacked on the same point, the last listed (the visible one). Each
     * line reads, as proc(5) documents:
     * <pre>
     * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
     * (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
     * </pre>
     * (5) is the mount point, (7) zero or more optional fields ended by the separator (8), then the
     * type (9) and the source (10). Spaces, tabs, newlines and backslashes in paths are written as
     * octal escapes such as {@code \040}. Malformed lines are skipped.
     *
     * @param mountInfo the text of a mountinfo file
     * @param directory an absolute, normalized path without symbolic links
     * @return the mount, or {@link #UNKNOWN} when no line matches
     */
    static FileSystemInfo fromMountInfo(String mountInfo, Path directory) {
        FileSystemInfo best = UNKNOWN;
        int bestDepth = -1;
        for (String line : mountInfo.split("\n")) {
            String[] fields = line.trim().split(" ");
            int separator = indexOf(fields, "-");
            if (separator < 6 || separator + 2 >= fields.length) {
                continue;
            }
            Path mountPoint = Path.of(unescape(fields[4]));
            if (directory.startsWith(mountPoint) && mountPoint.getNameCount() >= bestDepth) {
                bestDepth = mountPoint.getNameCount();
                best = new FileSystemInfo(unescape(fields[separator + 1]), unescape(fields[separator + 2]),
                        mountPoint.toString());
            }
        }
        return best;
    }

    private static int indexOf(String[] fields, String value) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the kernel's three-digit octal escapes ({@code \040} for a space) by the characters. */
    static String unescape(String field) {
        StringBuilder s = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                s.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static boolean isOctal(String text, int start) {
        for (int i = start; i < start + 3; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
