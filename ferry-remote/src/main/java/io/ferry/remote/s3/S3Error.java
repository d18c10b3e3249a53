package io.ferry.remote.s3;

/**
 * An error document from S3 ({@code <Error>}); an element S3 left out is an empty string.
 *
 * @param code      the stable error code, such as {@code NoSuchKey} or {@code SlowDown}
 * @param message   the human-readable explanation
 * @param requestId the request id to quote to AWS support
 */
public record S3Error(String code, String message, String requestId) {

    /** One line for messages: {@code NoSuchKey: The specified key does not exist. (request id 4442587FB7D0A2F9)}. */
    public String describe() {
        return code + (message.isEmpty() ? "" : ": " + message) + (requestId.isEmpty() ? "" : " (request id " + requestId + ")");
    }
}
