package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Where and as whom S3 requests go: region, endpoint and addressing style, resolved once as the
 * AWS CLI resolves them (see {@link #resolve}), and the credentials that sign, kept fresh.
 * Thread-safe.
 */
public final class S3Config {
    private final String profile;
    private final Sourced region;
    private final S3Endpoint endpoint;
    private final String endpointSource;
    private final S3Addressing addressing;
    private final RefreshingCredentials credentials;
    private volatile SigV4Signer signer;

    private S3Config(String profile, Sourced region, Sourced endpoint, S3Addressing addressing, RefreshingCredentials credentials) {
        this.profile = profile;
        this.region = region;
        this.endpoint = S3Endpoint.parse(endpoint.value(), endpoint.source());
        this.endpointSource = endpoint.source();
        this.addressing = addressing;
        this.credentials = credentials;
        if (addressing == S3Addressing.VIRTUAL && this.endpoint.hostIsIpLiteral()) {
            throw S3Settings.S3_ADDRESSING.invalid("virtual", "the endpoint " + this.endpoint.uri()
                    + " is an IP address, which takes no bucket prefix; use path or auto");
        }
    }

    /**
     * Resolves the configuration from an environment (production passes {@link System#getenv()})
     * and a home directory holding {@code .aws/}, with the credentials of the default chain
     * ({@link AwsCredentialsProvider#defaultChain()} over this environment), refreshed by control
     * calls only. See {@link #resolve(Map, Path, Settings, AwsCredentialsProvider, Executor)}.
     */
    public static S3Config resolve(Map<String, String> env, Path home, Settings settings) {
        return resolve(env, home, settings, null, null);
    }

    /**
     * Resolves the configuration from an environment and a home directory:
     * <ul>
     * <li>profile: {@code AWS_PROFILE}, else {@code default};</li>
     * <li>credentials: {@code credentials}, else the default chain over this environment, asked
     * at the first {@link #awaitCredentials()}; none when {@link S3Settings#S3_ANONYMOUS} is
     * {@code on} (unsigned requests);</li>
     * <li>region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code region} of the profile, else {@code us-east-1};</li>
     * <li>endpoint: {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, {@code endpoint_url} of the
     * profile, else {@code https://s3.<region>.amazonaws.com};</li>
     * <li>addressing: {@link S3Settings#S3_ADDRESSING}.</li>
     * </ul>
     * Empty variables count as unset.
     *
     * @param home        the directory holding {@code .aws/}, or null for {@code HOME} of {@code env}
     *                    (else the {@code user.home} property), as the AWS CLI finds {@code ~}
     * @param credentials where the credentials come from, or null for the default chain
     * @param refresh     where temporary credentials are refreshed while transfers run, or null:
     *                    they are then refreshed by control calls only
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} naming the variable or file of a bad
     *                        value, {@link ErrorCode#INVALID_SETTING} for a bad Ferry setting
     */
    public static S3Config resolve(Map<String, String> env, Path home, Settings settings, AwsCredentialsProvider credentials,
                                   Executor refresh) {
        AwsEnvironment environment = home == null ? AwsEnvironment.of(env) : new AwsEnvironment(env, home);
        AwsProfile profile = AwsProfile.load(environment);
        boolean anonymous = settings.get(S3Settings.S3_ANONYMOUS).equals("on");
        AwsCredentialsProvider source = credentials != null ? credentials : new DefaultCredentialsChain(environment);
        Sourced region = Sourced.first(
                Sourced.fromEnvironment(environment, "AWS_REGION"),
                Sourced.fromEnvironment(environment, "AWS_DEFAULT_REGION"),
                new Sourced(profile.configValue("region"), profile.configSectionName()),
                new Sourced("us-east-1", "the default"));
        checkRegion(region);
        Sourced endpoint = Sourced.first(
                Sourced.fromEnvironment(environment, "AWS_ENDPOINT_URL_S3"),
                Sourced.fromEnvironment(environment, "AWS_ENDPOINT_URL"),
                new Sourced(profile.configValue("endpoint_url"), profile.configSectionName()),
                new Sourced(defaultEndpoint(region.value()), "the default for the region"));
        S3Addressing addressing = S3Addressing.valueOf(settings.get(S3Settings.S3_ADDRESSING).toUpperCase(Locale.ROOT));
        return new S3Config(profile.name(), region, endpoint, addressing,
                anonymous ? null : new RefreshingCredentials(source, refresh, InstantSource.system()));
    }

    /** The AWS region requests are signed for, such as {@code eu-west-1}. */
    public String region() {
        return region.value();
    }

    /** The endpoint, with its path prefix if it has one and without a trailing slash. */
    public URI endpoint() {
        return endpoint.uri();
    }

    /** The configured addressing, possibly {@link S3Addressing#AUTO}; see {@link #addressingFor}. */
    public S3Addressing addressing() {
        return addressing;
    }

    /**
     * A control call: makes sure the credentials are fit to sign with, asking their source when
     * there are none yet or they are due for renewal (see docs/design/credentials.md). Blocks
     * while the source is asked; does nothing for unsigned requests.
     *
     * @throws FerryException naming the source when it fails, or, when no source of the default
     *                        chain is configured, listing what was tried
     */
    public void awaitCredentials() {
        if (credentials != null) {
            credentials.await();
        }
    }

    /** A control call: the credentials that sign requests, resolved or renewed as {@link #awaitCredentials()} does; empty when requests go unsigned. */
    public Optional<AwsCredentials> credentials() {
        if (credentials == null) {
            return Optional.empty();
        }
        return Optional.of(credentials.await());
    }

    /**
     * The signer for the credentials at hand, at once: never asks their source on this thread,
     * so a duty cycle may call it (a refresh that falls due is handed to the refresh executor).
     * Null when requests go unsigned.
     *
     * @throws IllegalStateException before the first {@link #awaitCredentials()}
     */
    public SigV4Signer signer() {
        if (credentials == null) {
            return null;
        }
        AwsCredentials current = credentials.current();
        SigV4Signer cached = signer;
        if (cached == null || cached.credentials() != current) {
            cached = new SigV4Signer(current, region.value(), "s3");
            signer = cached;
        }
        return cached;
    }

    /**
     * For a request the server refused: whose credentials signed it, when they expire and, if
     * their last refresh failed, why; or that it went unsigned.
     */
    public String describeSigning() {
        if (credentials == null) {
            return "sent unsigned (S3_ANONYMOUS=on)";
        }
        AwsCredentials current = credentials.peek();
        if (current == null) {
            return "signed with credentials from " + credentials.describeSource();
        }
        String failure = credentials.lastFailure();
        return "signed with access key " + masked(current.accessKeyId()) + " from " + credentials.describeSource()
                + (current.expiration() == null ? "" : ", which expire at " + current.expiration())
                + (failure == null ? "" : "; refreshing them failed: " + failure);
    }

    /** The addressing requests for {@code bucket} use: {@link S3Addressing#PATH} or {@link S3Addressing#VIRTUAL}. */
    public S3Addressing addressingFor(String bucket) {
        return switch (addressing) {
            case PATH, VIRTUAL -> addressing;
            case AUTO -> needsPathStyle(bucket) ? S3Addressing.PATH : S3Addressing.VIRTUAL;
        };
    }

    private boolean needsPathStyle(String bucket) {
        // A dotted bucket in the host name would not match the endpoint's wildcard TLS certificate.
        boolean dottedOverTls = bucket.indexOf('.') >= 0 && endpoint.scheme().equals("https");
        return endpoint.hostIsIpLiteral() || endpoint.hostIsLocalhost() || dottedOverTls;
    }

    /** The request URI of an object, its key encoded for SigV4: {@code endpoint/bucket/key} or {@code bucket.endpoint/key}. */
    public URI objectUri(S3Location location) {
        String key = AwsUriEncoding.encodePath(location.key());
        return addressingFor(location.bucket()) == S3Addressing.PATH
                ? endpoint.resolve("", "/" + location.bucket() + "/" + key)
                : endpoint.resolve(location.bucket() + ".", "/" + key);
    }

    /** The request URI of a bucket, for bucket operations such as listing: {@code endpoint/bucket} or {@code bucket.endpoint/}. */
    public URI bucketUri(String bucket) {
        BucketNames.check(bucket);
        return addressingFor(bucket) == S3Addressing.PATH
                ? endpoint.resolve("", "/" + bucket)
                : endpoint.resolve(bucket + ".", "/");
    }

    /** One line for messages: profile, region, endpoint, addressing and whose keys sign, never a secret. */
    public String describe() {
        return "S3 profile " + profile + ", region " + region.value() + " (from " + region.source() + "), endpoint "
                + endpoint.uri() + " (from " + endpointSource + "), addressing " + addressing.name().toLowerCase(Locale.ROOT)
                + ", requests " + describeSigning();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String masked(String accessKeyId) {
        return "****" + accessKeyId.substring(Math.max(0, accessKeyId.length() - 4));
    }

    private static void checkRegion(Sourced region) {
        if (!region.value().chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "AWS region '" + region.value() + "' from " + region.source()
                    + " is not a region name such as eu-west-1");
        }
    }

    private static String defaultEndpoint(String region) {
        return "https://s3." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
    }

    /** A configuration value and where it came from; the value is null when that place does not set it. */
    private record Sourced(String value, String source) {
        static Sourced fromEnvironment(AwsEnvironment env, String variable) {
            return new Sourced(env.get(variable), variable);
        }

        /** The first candidate with a value; the last one is a default, which always has one. */
        static Sourced first(Sourced... candidates) {
            return Stream.of(candidates).filter(candidate -> candidate.value != null).findFirst().orElseThrow();
        }
    }
}
