package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.time.Instant;

/**
 * AWS access keys. {@link #toString()} never shows the secret or the session token.
 *
 * @param accessKeyId     the access key id, such as {@code AKIAIOSFODNN7EXAMPLE}
 * @param secretAccessKey the secret key that signs requests
 * @param sessionToken    the token of temporary credentials, or null for long-term keys
 * @param expiration      when temporary credentials stop working, or null when they do not expire
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    /** Checks the access key id and the secret key are given, neither null nor blank. */
    public AwsCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "AWS credentials need an access key id and a secret access key");
        }
    }

    /** Credentials that do not expire: long-term keys, or a session the caller renews itself. */
    public AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        this(accessKeyId, secretAccessKey, sessionToken, null);
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + (expiration == null ? "" : ", expiration=" + expiration) + "]";
    }
}
