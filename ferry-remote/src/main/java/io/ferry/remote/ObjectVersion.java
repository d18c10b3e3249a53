package io.ferry.remote;

import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.Headers;
import io.ferry.remote.http.ResponseHead;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which version of an object a read is tied to: the ETag and Last-Modified a response gave (either
 * may be missing). Ranged reads ask the server for this version ({@code If-Match} with a strong
 * ETag, else {@code If-Unmodified-Since}), and each answer is checked against it as well, since
 * some servers ignore those conditions: by its ETag where the version has one, else by its
 * Last-Modified. An answer without the header is not a difference.
 */
record ObjectVersion(String etag, String lastModified) {
    /** No validator: nothing is asked, nothing can be checked. */
    static final ObjectVersion UNKNOWN = new ObjectVersion(null, null);

    private static final String WEAK = "W/";

    static ObjectVersion of(ResponseHead response) {
        return new ObjectVersion(response.headers().get(HeaderNames.ETAG), response.headers().get(HeaderNames.LAST_MODIFIED));
    }

    boolean isKnown() {
        return etag != null || lastModified != null;
    }

    /** Adds the condition that makes a server answer only for this version (412 otherwise). */
    void addConditions(Headers headers) {
        if (etag != null && !etag.startsWith(WEAK)) {
            headers.set(HeaderNames.IF_MATCH, etag);
        } else if (lastModified != null) {
            headers.set(HeaderNames.IF_UNMODIFIED_SINCE, lastModified);
        }
    }

    /** How {@code response} shows another version than this one, or null when it does not. */
    String differenceIn(ResponseHead response) {
        if (etag != null) {
            String seen = response.headers().get(HeaderNames.ETAG);
            return seen == null || opaque(seen).equals(opaque(etag)) ? null
                    : "its ETag is now " + seen + ", not " + etag + " as when it was opened";
        }
        if (lastModified != null) {
            String seen = response.headers().get(HeaderNames.LAST_MODIFIED);
            return seen == null || sameDate(seen, lastModified) ? null
                    : "its Last-Modified is now " + seen + ", not " + lastModified + " as when it was opened";
        }
        return null;
    }

    /** The tag without its weakness: two versions are compared weakly (RFC 9110, section 8.8.3.2). */
    private static String opaque(String tag) {
        return tag.startsWith(WEAK) ? tag.substring(WEAK.length()) : tag;
    }

    /** The same instant in any of HTTP's three date formats; the same text where a date does not parse. */
    private static boolean sameDate(String a, String b) {
        Instant first = httpDate(a.strip());
        Instant second = httpDate(b.strip());
        return first != null && second != null ? first.equals(second) : a.strip().equals(b.strip());
    }

    /** RFC 9110, section 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept. */
    private static final DateTimeFormatter[] HTTP_DATES = {
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US),
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)};

    /** The instant an HTTP date names, or null when it is none of the three forms. */
    private static Instant httpDate(String text) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
