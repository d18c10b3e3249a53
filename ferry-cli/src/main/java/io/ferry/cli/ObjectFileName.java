package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.s3.S3Location;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The file name {@code ferry get} saves an object under when it is given no FILE, or a directory:
 * the last segment of the URL's path, percent-decoded, as {@code curl -O} names it, or of an S3 key,
 * taken literally as {@code aws s3 cp} takes it (a key is not percent-encoded: {@code s3://b/a b.txt}).
 * Query and fragment are not part of it.
 */
final class ObjectFileName {
    private ObjectFileName() {
    }

    static String of(String url) {
        String path = S3Location.isS3(url) ? S3Location.parse(url).key() : httpPath(url);
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, url + " names no file to save it as"
                    + (name.isEmpty() ? " (its path ends with /)" : " (" + name + ")") + ": give FILE");
        }
        return name;
    }

    /** The percent-decoded path of an http(s) URL. */
    private static String httpPath(String url) {
        try {
            return new URI(url).getPath();
        } catch (URISyntaxException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, url + ": not a valid URL (" + e.getReason() + ")");
        }
    }
}
