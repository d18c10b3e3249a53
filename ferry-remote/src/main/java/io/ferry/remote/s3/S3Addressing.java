package io.ferry.remote.s3;

/** How a request names its bucket; see {@link S3Settings#S3_ADDRESSING}. */
public enum S3Addressing {
    /** Path style for IP-literal and localhost endpoints and for dotted buckets over https; virtual-hosted otherwise. */
    AUTO,
    /** The bucket is the first path segment: {@code https://host/bucket/key}. */
    PATH,
    /** The bucket is part of the host name: {@code https://bucket.host/key}. */
    VIRTUAL
}
