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
 * reads it: {@code [section]} headers and {@code key = value} lines. Comment lines start with
 * {@code #} or {@code ;}; a {@code #} or {@code ;} after white space ends a value. Indented lines
 * (the nested {@code s3 =} settings) are skipped. Keys are case-insensitive. A missing file is empty.
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
        return new AwsProfileFile(path, parse(lines));
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

    private static Map<String, Map<String, String>> parse(List<String> lines) {
        Map<String, Map<String, String>> sections = new HashMap<>();
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                String name = end < 0 ? null : String.join(" ", line.substring(1, end).strip().split("\\s+"));
                current = name == null ? null : sections.computeIfAbsent(name, n -> new HashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            boolean nested = Character.isWhitespace(raw.charAt(0));
            if (current != null && equals > 0 && !nested) {
                current.put(line.substring(0, equals).strip().toLowerCase(Locale.ROOT), withoutComment(line.substring(equals + 1)));
            }
        }
        return sections;
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
