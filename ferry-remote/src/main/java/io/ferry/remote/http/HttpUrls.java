package io.ferry.remote.http;

import io.ferry.FerryException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * http and https URLs, parsed strictly and refused with what is wrong in a phrase: the scheme, a
 * host, a port from 1 to 65535, well-formed characters and percent-escapes, and no user
 * information (Ferry never sends credentials taken from a URL). Messages never show a URL's user
 * information or query, where presigned URLs keep their secrets.
 */
public final class HttpUrls {
    private static final int MAX_PORT = 65_535;
    /** Scheme, user information, the rest up to the query, the query, the fragment. */
    private static final Pattern PARTS = Pattern.compile("^([^:/?#]+://)?([^/?#]*@)?([^?#]*)(\\?[^#]*)?(#.*)?$", Pattern.DOTALL);

    private HttpUrls() {
    }

    /**
     * The URI of {@code url}, an http or https URL.
     *
     * @param invalid makes the failure for a problem, given as a phrase such as
     *                {@code "port 99999 is out of range (1 to 65535)"}
     */
    public static URI parse(String url, Function<String, FerryException> invalid) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid.apply(syntaxProblem(e));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid.apply("it must start with http:// or https://");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw invalid.apply("it names no host");
        }
        if (authority.contains("@")) {
            throw invalid.apply("user information (user@host) is not supported: credentials are never sent from a URL");
        }
        if (uri.getHost() == null) {
            throw invalid.apply(authorityProblem(authority));
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
            throw invalid.apply(portOutOfRange(String.valueOf(uri.getPort())));
        }
        return uri;
    }

    /** {@code url} fit for a message: its user information and its query masked. */
    public static String shown(String url) {
        Matcher parts = PARTS.matcher(url);
        if (!parts.matches()) {
            return url;
        }
        return (parts.group(1) == null ? "" : parts.group(1)) + (parts.group(2) == null ? "" : "***@") + parts.group(3)
                + (parts.group(4) == null ? "" : "?...");
    }

    /** What is wrong with an authority that holds no user information and that URI could not split into host and port. */
    private static String authorityProblem(String authority) {
        int bracket = authority.startsWith("[") ? authority.indexOf(']') : 0;
        int colon = bracket < 0 ? -1 : authority.indexOf(':', bracket);
        String host = colon < 0 ? authority : authority.substring(0, colon);
        String port = colon < 0 ? "" : authority.substring(colon + 1);
        if (host.isEmpty()) {
            return "it names no host";
        }
        if (!port.isEmpty()) {
            return port.chars().allMatch(c -> c >= '0' && c <= '9') ? portOutOfRange(port) : "port '" + port + "' is not a number";
        }
        return "'" + host + "' is not a valid host name";
    }

    private static String portOutOfRange(String port) {
        return "port " + port + " is out of range (1 to " + MAX_PORT + ")";
    }

    private static String syntaxProblem(URISyntaxException e) {
        String reason = e.getReason();
        if (reason.startsWith("Expected authority")) {
            return "it names no host";
        }
        String input = e.getInput();
        int index = e.getIndex();
        String where = index < 0 ? "" : " at index " + index
                + (index < input.length() ? " ('" + input.charAt(index) + "')" : "");
        String hint = reason.startsWith("Malformed escape") ? ": a % must be followed by two hex digits (write %25 for % itself)"
                : reason.startsWith("Illegal character") ? ": percent-encode it" : "";
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + where + hint;
    }
}
