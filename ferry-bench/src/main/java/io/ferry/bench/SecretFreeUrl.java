package io.ferry.bench;

/**
 * A URL as reports may record it: without user information, query or fragment. A presigned URL
 * carries its signature and credentials in the query, and {@code user:password@} is a secret too;
 * reports, command lines and progress output are shared, so they get only scheme, host and path.
 */
public final class SecretFreeUrl {
    private static final String SCHEME_END = "://";

    private SecretFreeUrl() {
    }

    /** {@code url} without user information, query and fragment; null for null. */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        String kept = url.split("[?#]", 2)[0];
        int authority = kept.indexOf(SCHEME_END);
        if (authority < 0) {
            return kept;
        }
        authority += SCHEME_END.length();
        int pathStart = kept.indexOf('/', authority);
        int hostEnd = pathStart < 0 ? kept.length() : pathStart;
        int userEnd = kept.lastIndexOf('@', hostEnd - 1);
        return userEnd < authority ? kept : kept.substring(0, authority) + kept.substring(userEnd + 1);
    }

    /** {@code text} with every occurrence of {@code url} replaced by {@link #of(String) its secret-free form}. */
    public static String redact(String text, String url) {
        return url == null || url.isEmpty() ? text : text.replace(url, of(url));
    }
}
