package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where and as whom S3 requests go: region, endpoint, addressing style and credentials, resolved
 * once as the AWS CLI resolves them (see {@link #resolve}). Immutable and thread-safe.
 */
public final class S3Config {
    private final String profile;
    private final Sourced region;
    private final S3Endpoint endpoint;
    private final String endpointSource;
    private final S3Addressing addressing;
    private final CredentialsChain.Found credentials;
    private final boolean anonymous;

    private S3Config(String profile, Sourced region, Sourced endpoint, S3Addressing addressing,
                     CredentialsChain.Found credentials, boolean anonymous) {
        this.profile = profile;
        this.region = region;
        this.endpoint = S3Endpoint.parse(endpoint.value(), endpoint.source());
        this.endpointSource = endpoint.source();
        this.addressing = addressing;
        this.credentials = credentials;
        this.anonymous = anonymous;
        if (addressing == S3Addressing.VIRTUAL && this.endpoint.hostIsIpLiteral()) {
            throw S3Settings.S3_ADDRESSING.invalid("virtual", "the endpoint " + this.endpoint.uri()
                    + " is an IP address, which takes no bucket prefix; use path or auto");
        }
    }

    /**
     * Resolves the configuration from an environment (production passes {@link System#getenv()})
     * and a home directory holding {@code .aws/}:
     * <ul>
     * <li>profile: {@code AWS_PROFILE}, else {@code default};</li>
     * <li>credentials: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (and
     * {@code AWS_SESSION_TOKEN}), else the profile in the credentials file, else in the config file,
     * else none (unsigned requests); {@link S3Settings#S3_ANONYMOUS} {@code on} ignores them all;</li>
     * <li>region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code region} of the profile, else {@code us-east-1};</li>
     * <li>endpoint: {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, {@code endpoint_url} of the
     * profile, else {@code https://s3.<region>.amazonaws.com};</li>
     * <li>addressing: {@link S3Settings#S3_ADDRESSING}.</li>
     * </ul>
     * Empty variables count as unset.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} naming the variable or file of a bad
     *                        value, {@link ErrorCode#INVALID_SETTING} for a bad Ferry setting
     */
    public static S3Config resolve(Map<String, String> env, Path home, Settings settings) {
        AwsProfile profile = AwsProfile.load(env, home);
        boolean anonymous = settings.get(S3Settings.S3_ANONYMOUS).equals("on");
        CredentialsChain.Found credentials = anonymous ? null : CredentialsChain.find(env, profile);
        Sourced region = Sourced.first(
                Sourced.fromEnvironment(env, "AWS_REGION"),
                Sourced.fromEnvironment(env, "AWS_DEFAULT_REGION"),
                new Sourced(profile.configValue("region"), profile.configSectionName()),
                new Sourced("us-east-1", "the default"));
        checkRegion(region);
        Sourced endpoint = Sourced.first(
                Sourced.fromEnvironment(env, "AWS_ENDPOINT_URL_S3"),
                Sourced.fromEnvironment(env, "AWS_ENDPOINT_URL"),
                new Sourced(profile.configValue("endpoint_url"), profile.configSectionName()),
                new Sourced(defaultEndpoint(region.value()), "the default for the region"));
        S3Addressing addressing = S3Addressing.valueOf(settings.get(S3Settings.S3_ADDRESSING).toUpperCase(Locale.ROOT));
        return new S3Config(profile.name(), region, endpoint, addressing, credentials, anonymous);
    }

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

    /** The credentials that sign requests; empty when requests go unsigned. */
    public Optional<AwsCredentials> credentials() {
        return credentials == null ? Optional.empty() : Optional.of(credentials.credentials());
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
        String signer = anonymous ? "unsigned (S3_ANONYMOUS=on)"
                : credentials == null ? "unsigned (no AWS credentials found)"
                : "signed with access key " + masked(credentials.credentials().accessKeyId()) + " from " + credentials.source();
        return "S3 profile " + profile + ", region " + region.value() + " (from " + region.source() + "), endpoint "
                + endpoint.uri() + " (from " + endpointSource + "), addressing " + addressing.name().toLowerCase(Locale.ROOT)
                + ", requests " + signer;
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
        static Sourced fromEnvironment(Map<String, String> env, String variable) {
            return new Sourced(AwsProfile.nonBlank(env.get(variable)), variable);
        }

        /** The first candidate with a value; the last one is a default, which always has one. */
        static Sourced first(Sourced... candidates) {
            return Stream.of(candidates).filter(candidate -> candidate.value != null).findFirst().orElseThrow();
        }
    }
}
