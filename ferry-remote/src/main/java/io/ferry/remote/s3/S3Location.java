package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * One S3 object: a bucket and a key. The key is the object's name as S3 stores it, not encoded;
 * it may hold any character, slashes included.
 *
 * @param bucket a bucket name following the S3 naming rules
 * @param key    a non-empty object key
 */
public record S3Location(String bucket, String key) {
    private static final String SCHEME = "s3://";

    /** Checks both are given, the bucket follows the S3 naming rules and the key is not empty. */
    public S3Location {
        if (bucket == null || key == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "an S3 location needs a bucket and a key");
        }
        BucketNames.check(bucket);
        if (key.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "s3://" + bucket + "/ names no object: the key is empty");
        }
    }

    /** Whether {@code uri} has the {@code s3://} scheme (in any case); it may still be malformed. */
    public static boolean isS3(String uri) {
        return uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code s3://bucket/key}. As in the AWS CLI the key is everything after the first
     * {@code /} that follows the bucket, taken literally: nothing is percent-decoded.
     */
    public static S3Location parse(String uri) {
        if (uri == null || !isS3(uri)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "'" + uri + "' is not an S3 URI: expected s3://bucket/key");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "'" + uri + "' names no bucket: expected s3://bucket/key");
        }
        if (slash < 0 || slash == rest.length() - 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "'" + uri + "' names no object key: expected s3://bucket/key");
        }
        return new S3Location(bucket, rest.substring(slash + 1));
    }

    /** The {@code s3://bucket/key} form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
