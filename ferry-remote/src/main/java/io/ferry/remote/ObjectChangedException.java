package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * The object on the server is no longer the version a read is tied to: its ETag, Last-Modified or
 * size differs from when it was opened, or the server refused that version (HTTP 412). Not retried:
 * the descriptors that needed the rest of the object fail with it. Open the object again to read
 * its new version.
 */
public final class ObjectChangedException extends FerryException {
    ObjectChangedException(String message) {
        super(ErrorCode.IO_ERROR, message);
    }
}
