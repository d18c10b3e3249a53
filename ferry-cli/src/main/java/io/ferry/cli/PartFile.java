package io.ferry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of the temporary file a command writes beside its destination before it renames it
 * into place: {@code .NAME.ferry-PID.part}, hidden, with the destination's name (cut so that the
 * whole name fits in the 255 bytes a file name may have) and the id of the process that writes it.
 * A process killed before it could delete its file (kill -9, power loss) leaves it behind; the next
 * command that writes the same destination removes the files of processes that are gone.
 */
final class PartFile {
    /** The longest file name Linux file systems take, in bytes (NAME_MAX). */
    static final int NAME_MAX_BYTES = 255;
    private static final String SUFFIX = ".part";
    private static final String MARK = ".ferry-";

    private PartFile() {
    }

    /** The temporary file of {@code destination} for this process. */
    static Path of(Path destination) {
        return destination.resolveSibling(prefix(destination) + ProcessHandle.current().pid() + SUFFIX);
    }

    /**
     * Deletes the temporary files of {@code destination} left by processes that are no longer
     * running, and says so on {@code err}. A process id that is alive again (reused) keeps its
     * file: deleting a file that a running process may write is never right.
     */
    static void removeStale(Path destination, PrintWriter err) throws IOException {
        Pattern own = Pattern.compile(Pattern.quote(prefix(destination)) + "(\\d{1,10})" + Pattern.quote(SUFFIX));
        Path directory = destination.toAbsolutePath().getParent();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "." + "*" + SUFFIX)) {
            for (Path entry : entries) {
                Matcher matcher = own.matcher(entry.getFileName().toString());
                if (matcher.matches() && !alive(Long.parseLong(matcher.group(1))) && Files.deleteIfExists(entry)) {
                    err.println("ferry: removed " + entry + ", left by process " + matcher.group(1)
                            + " that is no longer running");
                }
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code .NAME.ferry-}, with NAME cut at a character boundary so that a pid of up to 10 digits fits. */
    private static String prefix(Path destination) {
        String name = destination.getFileName().toString();
        int room = NAME_MAX_BYTES - ".".length() - MARK.length() - 10 - SUFFIX.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > room) {
                break;
            }
            kept.appendCodePoint(codePoint);
            bytes += length;
            i += Character.charCount(codePoint);
        }
        return "." + kept + MARK;
    }
}
