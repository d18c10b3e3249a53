package io.ferry.remote.s3;

import io.ferry.ErrorCode;

import java.util.function.Supplier;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * A source that reads its configuration when first asked, not when the application creates it:
 * the factories of {@link AwsCredentialsProvider} cost nothing until a control call needs
 * credentials, and their configuration errors surface there, with the source named.
 */
final class Deferred implements AwsCredentialsProvider {
    private final String name;
    private final Supplier<AwsCredentialsProvider> configure;
    private final String whyAbsent;
    private volatile AwsCredentialsProvider configured;

    /**
     * @param configure reads the configuration; returns null when the source is not configured
     * @param whyAbsent what the message says then
     */
    Deferred(String name, Supplier<AwsCredentialsProvider> configure, String whyAbsent) {
        this.name = name;
        this.configure = configure;
        this.whyAbsent = whyAbsent;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider source = configured;
        if (source == null) {
            source = configure.get();
            if (source == null) {
                throw failure(ErrorCode.INVALID_ARGUMENT, name, whyAbsent);
            }
            configured = source;
        }
        return source.resolveCredentials();
    }

    @Override
    public String describe() {
        AwsCredentialsProvider source = configured;
        return source != null ? source.describe() : name;
    }
}
