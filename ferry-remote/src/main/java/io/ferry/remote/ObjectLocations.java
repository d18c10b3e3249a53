package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.HttpUrls;
import io.ferry.remote.http.ProxyRules;
import io.ferry.remote.s3.S3Config;
import io.ferry.remote.s3.S3Location;
import io.ferry.settings.Settings;

import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link RemoteBackend} reaches the object a location names: {@code http://} and
 * {@code https://} URLs with the factory's extra headers, {@code s3://bucket/key} with the S3
 * configuration resolved when the first such object is opened; every request through the proxy rules.
 * Bad locations fail with {@link ErrorCode#INVALID_ARGUMENT}. Thread-safe.
 */
final class ObjectLocations {
    private final Settings settings;
    private final RemoteBackend.Factory factory;
    private final ProxyRules proxies;
    private S3Config s3;

    /** Fails for a proxy of the factory or its environment that cannot be used. */
    ObjectLocations(Settings settings, RemoteBackend.Factory factory) {
        this.settings = settings;
        this.factory = factory;
        this.proxies = factory.proxyRules();
    }

    /** The access to the object at {@code location}. */
    ObjectAccess access(String location) {
        Objects.requireNonNull(location, "location");
        String lower = location.toLowerCase(Locale.ROOT);
        if (S3Location.isS3(location)) {
            return new S3Access(s3(), S3Location.parse(location), proxies);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new HttpAccess(HttpUrls.parse(location, problem -> new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "not a valid URL '" + HttpUrls.shown(location) + "': " + problem)), factory.headers, proxies);
        }
        throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unsupported location " + HttpUrls.shown(location)
                + ": expected http://, https:// or s3://");
    }

    /** The access to an object to create with {@code metadata}: a storage class only for {@code s3://}. */
    ObjectAccess writableAccess(String location, ObjectMetadata metadata) {
        ObjectAccess access = access(location);
        if (metadata.storageClass() != null && !(access instanceof S3Access)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "storage class " + metadata.storageClass() + ": only s3:// "
                    + "objects have one, not " + HttpUrls.shown(location));
        }
        return access;
    }

    /** The S3 configuration, resolved when the first {@code s3://} object is opened. */
    private synchronized S3Config s3() {
        if (s3 == null) {
            s3 = S3Config.resolve(factory.environment, factory.home, settings, factory.credentials, factory.credentialsRefresh);
        }
        return s3;
    }
}
