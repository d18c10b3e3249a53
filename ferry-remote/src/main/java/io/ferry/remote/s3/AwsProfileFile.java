package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One AWS shared file, {@code ~/.aws/credentials} or {@code ~/.aws/config}, read as the AWS CLI
 * reads it: {@code [section]} headers and {@code key = value} (or {@code key: value}) lines. Comment
 * lines start with {@code #} or {@code ;}; a {@code #} or {@code ;} after white space ends a value.
 * Indented lines (the nested {@code s3 =} settings) are skipped. Keys are case-insensitive. A missing
 * file is empty. A line that is none of these (a header without its {@code ]}, a setting before any
 * section or without a value's delimiter) is an error naming the file and the line, as the AWS CLI
 * refuses the file, rather than a setting silently lost.
 */
final class AwsProfileFile {
    private final Path path;
    private final Map<String, Map<String, String>> sections;

    private AwsProfileFile(Path path, Map<String, Map<String, String>> sections) {
        this.path = path;
        this.sections = sections;
    }

    static AwsProfileFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot read AWS file " + path + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()) + ")", e);
        }
        return new AwsProfileFile(path, parse(path, lines));
    }

    Path path() {
        return path;
    }

    /** The section of profile {@code name} in a credentials file ({@code [name]}), or null. */
    Map<String, String> credentialsProfile(String name) {
        return sections.get(name);
    }

    /** The section of profile {@code name} in a config file ({@code [profile name]}, or {@code [default]}), or null. */
    Map<String, String> configProfile(String name) {
        Map<String, String> section = sections.get("profile " + name);
        return section == null && name.equals("default") ? sections.get("default") : section;
    }

    /** The {@code [sso-session name]} section of a config file, or null. */
    Map<String, String> ssoSession(String name) {
        return sections.get("sso-session " + name);
    }

    private static Map<String, Map<String, String>> parse(Path path, List<String> lines) {
        Map<String, Map<String, String>> sections = new HashMap<>();
        Map<String, String> current = null;
        for (int number = 1; number <= lines.size(); number++) {
            String raw = lines.get(number - 1);
            if (number == 1) {
                raw = withoutByteOrderMark(raw);
            }
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || Character.isWhitespace(raw.charAt(0))) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                if (end < 0) {
                    throw malformed(path, number, "the section header '" + line + "' lacks its ']'");
                }
                String name = String.join(" ", line.substring(1, end).strip().split("\\s+"));
                current = sections.computeIfAbsent(name, n -> new HashMap<>());
                continue;
            }
            int delimiter = delimiter(line);
            if (delimiter <= 0) {
                throw malformed(path, number, "expected 'key = value' or a [section] header");
            }
            if (current == null) {
                throw malformed(path, number, "a setting before any [section] header");
            }
            current.put(line.substring(0, delimiter).strip().toLowerCase(Locale.ROOT), withoutComment(line.substring(delimiter + 1)));
        }
        return sections;
    }

    /** A file saved by an editor that writes a byte order mark still starts with its first header. */
    private static String withoutByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The first {@code =} or {@code :} (the AWS CLI's parser takes both), or -1. */
    private static int delimiter(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    }

    private static FerryException malformed(Path path, int line, String problem) {
        return new FerryException(ErrorCode.INVALID_SETTING, "cannot read AWS file " + path + ":" + line + ": " + problem);
    }

    private static String withoutComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == '#' || c == ';') && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value.strip();
    }
}
