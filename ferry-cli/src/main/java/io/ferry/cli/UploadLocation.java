package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.s3.AwsUriEncoding;
import io.ferry.remote.s3.S3Location;

import java.nio.file.Path;

/**
 * Where {@code ferry put} uploads: the URL as given, or, where it names a bucket or a directory
 * ({@code s3://bucket}, {@code s3://bucket/dir/}, {@code http://host/dir/}), the file's name under
 * it, as {@code aws s3 cp FILE s3://bucket/dir/} and {@code curl -T FILE http://host/dir/} do. A URL
 * with a query or fragment is taken as given (a presigned URL names its object).
 */
final class UploadLocation {
    private UploadLocation() {
    }

    /**
     * @param file the file argument; {@code -} (standard input) has no name to append
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} when the URL needs a name and {@code file} is {@code -}
     */
    static String of(String url, String file) {
        if (!namesNoObject(url)) {
            return url;
        }
        if (file.equals("-")) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, url + " names no object, and standard input has no name "
                    + "to upload it under: give the object's whole URL");
        }
        Path named = Path.of(file).getFileName();
        if (named == null) {
            return url; // "/": the source is refused as a directory when it is opened
        }
        String name = named.toString();
        boolean s3 = S3Location.isS3(url);
        String base = url.endsWith("/") ? url : url + "/";
        // A path segment: every UTF-8 byte but the unreserved ones (RFC 3986) percent-encoded, a slash too.
        return base + (s3 ? name : AwsUriEncoding.encode(name));
    }

    /** A bucket alone, or a URL whose path ends with a slash (or has no path); never one with a query or fragment. */
    private static boolean namesNoObject(String url) {
        if (url.contains("?") || url.contains("#")) {
            return false;
        }
        if (S3Location.isS3(url)) {
            String rest = url.substring("s3://".length());
            return !rest.isEmpty() && (!rest.contains("/") || rest.endsWith("/"));
        }
        int authority = url.indexOf("://");
        return authority >= 0 && (url.endsWith("/") || url.indexOf('/', authority + 3) < 0);
    }
}
