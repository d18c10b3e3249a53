package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real S3 endpoint on 127.0.0.1: s3proxy with its filesystem backend, as a child process on
 * the running JVM's {@code java}, in a temporary directory that holds the buckets and its log.
 * Path-style addressing only ({@code endpoint/bucket/key}); multipart uploads and ranged GETs work.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {     // AWS signatures v2 and v4 checked
 *     s3.createBucket("data");
 *     // sign with s3.accessKey() / s3.secretKey() in s3.region(), against s3.endpoint()
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String ACCESS_KEY = "ferry-test-access-key";
    private static final String SECRET_KEY = "ferry-test-secret-key";
    private static final String REGION = "us-east-1";
    private static final String BUCKETS = "buckets";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final ChildProcess process;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private S3ProxyServer(ChildProcess process, int port, String accessKey, String secretKey) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts s3proxy checking AWS signatures (v2 and v4) against {@link #accessKey()} and
     * {@link #secretKey()}, and returns once it answers HTTP.
     *
     * @throws IllegalStateException if the s3proxy jar is missing or s3proxy did not start within
     *                               30 s (the message then holds its log)
     */
    public static S3ProxyServer start() {
        return start("aws-v2-or-v4", ACCESS_KEY, SECRET_KEY, false);
    }

    /**
     * As {@link #start()}, checking signatures against these keys: for temporary credentials that
     * a source hands out, such as the stand-ins of STS or the instance metadata service. Their
     * session token ({@code x-amz-security-token}, which s3proxy does not implement) is signed
     * and accepted, but neither checked nor tied to an expiry.
     */
    public static S3ProxyServer start(String identity, String credential) {
        return start("aws-v2-or-v4", identity, credential, true);
    }

    /** As {@link #start()}, but every request is accepted unsigned, for tests of plain HTTP against S3. */
    public static S3ProxyServer startAnonymous() {
        return start("none", ACCESS_KEY, SECRET_KEY, false);
    }

    private static S3ProxyServer start(String authorization, String identity, String credential, boolean acceptSessionTokens) {
        Path jar = S3ProxyJar.locate();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int port = Loopback.freePort();
        ChildProcess process = ChildProcess.start("s3proxy", port, START_TIMEOUT, directory -> {
            Path buckets = Files.createDirectory(directory.resolve(BUCKETS));
            Path properties = directory.resolve("s3proxy.properties");
            Files.writeString(properties, """
                    s3proxy.endpoint=%s
                    s3proxy.authorization=%s
                    s3proxy.identity=%s
                    s3proxy.credential=%s
                    s3proxy.ignore-unknown-headers=%s
                    jclouds.provider=filesystem
                    jclouds.filesystem.basedir=%s
                    """.formatted(Loopback.origin(port), authorization, identity, credential, acceptSessionTokens, buckets));
            return List.of(java.toString(), "-Xmx512m",
                    // logback would print its configuration status into the log on every start
                    "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                    "-jar", jar.toString(), "--properties", properties.toString());
        });
        return new S3ProxyServer(process, port, identity, credential);
    }

    /** {@code http://127.0.0.1:port}, the endpoint to give an S3 client (path-style). */
    public URI endpoint() {
        return Loopback.origin(port);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The region to sign for; s3proxy takes the one named in the signature. */
    public String region() {
        return REGION;
    }

    /**
     * Creates an empty private bucket (anonymous requests to it are refused when signatures are
     * checked): the filesystem backend's bucket is a directory, and one that others cannot read
     * is private.
     *
     * @throws IllegalArgumentException if S3 would not allow the name
     * @throws UncheckedIOException     if the bucket exists already
     */
    public void createBucket(String name) {
        if (!BUCKET_NAME.matcher(name).matches()) {
            // s3proxy answers NoSuchBucket for a directory whose name S3 would not allow.
            throw new IllegalArgumentException("not an S3 bucket name (3 to 63 of a-z 0-9 . -): " + name);
        }
        try {
            Files.createDirectory(process.directory().resolve(BUCKETS).resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create bucket " + name, e);
        }
    }

    /** A multipart upload in progress: the key it will write and its id. */
    public record MultipartUpload(String key, String uploadId) {
    }

    /**
     * The multipart uploads in progress in {@code bucket} (ListMultipartUploads): what an
     * interrupted upload leaves behind unless it was aborted. Sent unsigned: for a server from
     * {@link #startAnonymous()}.
     */
    public List<MultipartUpload> multipartUploads(String bucket) {
        String xml = S3Listing.get(endpoint().resolve("/" + bucket + "?uploads"));
        return S3Listing.elements("Upload", xml).stream()
                .map(upload -> new MultipartUpload(S3Listing.value("Key", upload), S3Listing.value("UploadId", upload)))
                .toList();
    }

    /** The numbers of the parts uploaded so far to an upload in progress (ListParts); unsigned, as above. */
    public List<Integer> uploadedParts(String bucket, MultipartUpload upload) {
        String xml = S3Listing.get(endpoint().resolve("/" + bucket + "/" + upload.key() + "?uploadId=" + upload.uploadId()));
        return S3Listing.elements("Part", xml).stream().map(part -> Integer.valueOf(S3Listing.value("PartNumber", part))).toList();
    }

    /** Stops s3proxy and deletes its directory, buckets included. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    ProcessHandle processHandle() {
        return process.handle();
    }
}
