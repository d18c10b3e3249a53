package io.ferry.remote;

import io.ferry.settings.Setting;

import java.util.List;
import java.util.Set;

/** Settings of the remote backend. */
public final class RemoteSettings {
    /** {@code multiplexed} (one passive event loop over all connections) or {@code blocking} (worker threads). */
    public static final Setting<String> REMOTE_ENGINE = Setting.word("REMOTE_ENGINE", "multiplexed",
            List.of("multiplexed", "blocking"),
            "remote engine: `multiplexed` = all tasks over one polled event loop; `blocking` = one request per worker thread");

    /** Connections the backend keeps open at most, over all servers. */
    public static final Setting<Integer> REMOTE_MAX_CONNECTIONS = Setting.count("REMOTE_MAX_CONNECTIONS", 8, 1, 4096,
            "keep-alive connections the remote backend opens at most (multiplexed) or worker threads it uses (blocking)");

    /** A remote descriptor is split into ranged requests of at most this size. */
    public static final Setting<Long> TASK_SIZE = Setting.size("TASK_SIZE", 16 << 20, 4096, 1L << 30,
            "size of one ranged read request; remote descriptors are split into tasks of this size");

    /** The size of one part of an S3 multipart upload; larger objects are uploaded in parts. */
    public static final Setting<Long> PART_SIZE = Setting.size("PART_SIZE", 8 << 20, 5 << 20, 5L << 30,
            "size of one S3 multipart upload part; objects larger than one part are uploaded in parts, in parallel");

    /** HTTP statuses that are retried. */
    public static final Setting<Set<Integer>> HTTP_RETRY_STATUS = Setting.numbers("HTTP_RETRY_STATUS",
            Set.of(429, 500, 502, 503, 504), 100, 599,
            "HTTP statuses retried with back-off (comma-separated)");

    /** Attempts of one request, the first included, before its descriptor fails. */
    public static final Setting<Integer> HTTP_MAX_ATTEMPTS = Setting.count("HTTP_MAX_ATTEMPTS", 5, 1, 1000,
            "attempts of one HTTP request, the first included, before its descriptor fails");

    /** The first back-off before a retry; each further retry waits about twice as long, with jitter. */
    public static final Setting<Long> HTTP_RETRY_DELAY = Setting.durationNs("HTTP_RETRY_DELAY", 100_000_000L,
            0L, 60_000_000_000L,
            "back-off before the first retry; it doubles with each retry (with jitter, at most 10 s)");

    /** Time a connection may stay silent while a request waits on it, and the connect timeout. */
    public static final Setting<Long> HTTP_TIMEOUT = Setting.durationNs("HTTP_TIMEOUT", 30_000_000_000L,
            1_000_000L, 3_600_000_000_000L,
            "connect timeout, and the longest silence of a server while a request waits for its bytes");

    /** Certificate authorities trusted for https: {@code system} (the JDK's) or a PEM file. */
    public static final Setting<String> HTTP_CA_FILE = Setting.word("HTTP_CA_FILE", "system", List.of(),
            "certificate authorities trusted for https: `system` (the JDK's trust store) or the path of a PEM file");

    /** Whether https connections skip verifying the server's certificate and name, as curl --insecure. */
    public static final Setting<String> HTTP_INSECURE = Setting.word("HTTP_INSECURE", "off", List.of("off", "on"),
            "on = do not verify https servers' certificates and names (as curl --insecure): for test servers only");

    private RemoteSettings() {
    }
}
