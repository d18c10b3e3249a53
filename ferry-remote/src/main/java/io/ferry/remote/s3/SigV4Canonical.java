package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parts of a SigV4 canonical request: path, query and headers, following "Create a canonical
 * request" of the AWS Signature Version 4 documentation.
 */
final class SigV4Canonical {
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);

    private SigV4Canonical() {
    }

    /**
     * The canonical path of an encoded URI path. S3 encodes once: the path is decoded and encoded
     * again so that any valid encoding of a key signs alike. Other services encode the already
     * encoded path a second time, after removing empty, {@code .} and {@code ..} segments.
     */
    static String path(String rawPath, boolean s3) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return s3 ? AwsUriEncoding.encodePath(AwsUriEncoding.decode(rawPath)) : AwsUriEncoding.encodePath(normalize(rawPath));
    }

    /** The canonical query: each name and value encoded, sorted by name then value, a bare name as {@code name=}. */
    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (!parameter.isEmpty()) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                pairs.add(new String[] {reencode(name), reencode(value)});
            }
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        StringBuilder query = new StringBuilder(rawQuery.length() + 16);
        for (String[] pair : pairs) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    /**
     * The headers to sign, by lower-case name in sorted order, values trimmed and runs of spaces
     * made one; {@code host} comes from the URI.
     */
    static SortedMap<String, String> headers(URI uri, Map<String, String> headers) {
        SortedMap<String, String> canonical = new TreeMap<>();
        canonical.put("host", SigV4Signer.hostHeader(uri));
        headers.forEach((name, value) -> {
            if (value == null) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "header '" + name + "' has no value");
            }
            if (canonical.put(name.toLowerCase(Locale.ROOT), trimAll(value)) != null) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "header '" + name + "' is given twice (names ignore case)");
            }
        });
        return canonical;
    }

    private static String reencode(String component) {
        return AwsUriEncoding.encode(AwsUriEncoding.decode(component));
    }

    private static String trimAll(String value) {
        String trimmed = value.strip();
        if (!trimmed.contains("  ")) {
            return trimmed;
        }
        StringBuilder collapsed = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c != ' ' || trimmed.charAt(i - 1) != ' ') {
                collapsed.append(c);
            }
        }
        return collapsed.toString();
    }

    private static String normalize(String path) {
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.removeLast();
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        String joined = "/" + String.join("/", kept);
        return trailingSlash && !kept.isEmpty() ? joined + "/" : joined;
    }
}
