package io.ferry.remote.s3;

import io.ferry.ErrorCode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * Credentials in a JSON answer of a credential source. The sources spell their fields
 * differently (the container and instance metadata endpoints {@code Token}, a credential process
 * {@code SessionToken}, the SSO portal lower camel case); each passes its names.
 *
 * @param accessKeyId     the field of the access key id
 * @param secretAccessKey the field of the secret access key
 * @param sessionToken    the field of the session token
 * @param expiration      the field of the expiration: ISO 8601 text, or milliseconds since the epoch
 */
record CredentialsDocument(String accessKeyId, String secretAccessKey, String sessionToken, String expiration) {
    /** The fields of the container and EC2 instance metadata endpoints. */
    static final CredentialsDocument METADATA = new CredentialsDocument("AccessKeyId", "SecretAccessKey", "Token", "Expiration");

    /** The top-level object of a JSON answer of {@code source}. */
    static Map<String, Object> parse(String body, String source) {
        try {
            return Json.parseObject(body);
        } catch (Json.Malformed e) {
            throw failure(ErrorCode.IO_ERROR, source, "the answer is not the JSON expected (" + e.getMessage() + ")");
        }
    }

    /** The credentials in {@code object}, an answer of {@code source}; the keys are required, the rest optional. */
    AwsCredentials read(Map<String, Object> object, String source) {
        return new AwsCredentials(required(object, accessKeyId, source), required(object, secretAccessKey, source),
                optional(object, sessionToken, source), instant(object.get(expiration), source));
    }

    static String required(Map<String, Object> object, String field, String source) {
        String value = optional(object, field, source);
        if (value == null) {
            throw failure(ErrorCode.IO_ERROR, source, "the answer has no " + field);
        }
        return value;
    }

    static String optional(Map<String, Object> object, String field, String source) {
        Object value = object.get(field);
        if (value != null && !(value instanceof String)) {
            throw failure(ErrorCode.IO_ERROR, source, "the answer's " + field + " is not a string");
        }
        return AwsEnvironment.nonBlank((String) value);
    }

    private Instant instant(Object value, String source) {
        try {
            return switch (value) {
                case null -> null;
                case BigDecimal millis -> Instant.ofEpochMilli(millis.longValueExact());
                case String text -> Instant.parse(text.strip());
                default -> throw new IllegalArgumentException("neither text nor a number");
            };
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
            throw failure(ErrorCode.IO_ERROR, source, "the answer's " + expiration + " '" + value
                    + "' is not a time such as 2030-01-31T12:00:00Z");
        }
    }
}
