package io.ferry.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Unsigned S3 listing requests of an {@link S3ProxyServer} and the elements of their XML answers. */
final class S3Listing {
    /** One client for every listing: tests poll listings until an upload shows up. */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private S3Listing() {
    }

    /** The body of a GET that must answer 200. */
    static String get(URI uri) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while listing " + uri));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        }
    }

    /** The contents of every {@code <name>} element, in order (elements of that name are not nested in S3's listings). */
    static List<String> elements(String name, String xml) {
        Matcher matcher = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(xml);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    /** The contents of the one {@code <name>} element in {@code xml}. */
    static String value(String name, String xml) {
        List<String> values = elements(name, xml);
        if (values.size() != 1) {
            throw new IllegalStateException("expected one <" + name + "> in " + xml);
        }
        return values.getFirst();
    }
}
