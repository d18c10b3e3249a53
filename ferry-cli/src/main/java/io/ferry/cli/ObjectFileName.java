package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The file name {@code ferry get} saves an object under when it is given no FILE, or a directory:
 * the last segment of the URL's path, percent-decoded, as {@code curl -O} and {@code aws s3 cp}
 * name it. Query and fragment are not part of it.
 */
final class ObjectFileName {
    private ObjectFileName() {
    }

    static String of(String url) {
        String path;
        try {
            path = new URI(url).getPath();
        } catch (URISyntaxException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, url + ": not a valid URL (" + e.getReason() + ")");
        }
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, url + " names no file to save it as"
                    + (name.isEmpty() ? " (its path ends with /)" : " (" + name + ")") + ": give FILE");
        }
        return name;
    }
}
