package io.ferry.remote.s3;

import io.ferry.settings.Setting;

import java.util.List;

/** Settings of the S3 protocol layer; the rest of the S3 configuration comes from the AWS environment and files. */
public final class S3Settings {
    /**
     * How requests name the bucket: {@code virtual} puts it in the host name ({@code bucket.s3.region.amazonaws.com}),
     * {@code path} in the path ({@code s3.region.amazonaws.com/bucket}); {@code auto} uses path style for
     * IP-literal and localhost endpoints and for dotted bucket names over https, virtual-hosted style otherwise.
     */
    public static final Setting<String> S3_ADDRESSING = Setting.word("S3_ADDRESSING", "auto", List.of("auto", "path", "virtual"),
            "S3 bucket addressing: virtual (bucket.host), path (host/bucket) or auto"
                    + " (path for IP and localhost endpoints and for dotted buckets over https)");

    /** Whether S3 requests go unsigned, for public buckets, even when credentials are configured. */
    public static final Setting<String> S3_ANONYMOUS = Setting.word("S3_ANONYMOUS", "off", List.of("off", "on"),
            "on = send S3 requests unsigned (public buckets): no AWS credentials are looked for or used");

    private S3Settings() {
    }
}
