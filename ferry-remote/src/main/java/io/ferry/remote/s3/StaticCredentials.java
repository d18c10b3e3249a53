package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.function.Function;

/** Credentials known up front: given by the application, or keys in variables or a profile. */
record StaticCredentials(AwsCredentials credentials, String describe) implements AwsCredentialsProvider {

    @Override
    public AwsCredentials resolveCredentials() {
        return credentials;
    }

    /**
     * Keys read with {@code values} under the given names, or null when neither key is set. One
     * key without the other is an error naming {@code source} and the missing one, never skipped.
     */
    static StaticCredentials fromValues(Function<String, String> values, String idName, String secretName, String tokenName,
                                        String source) {
        String id = AwsEnvironment.nonBlank(values.apply(idName));
        String secret = AwsEnvironment.nonBlank(values.apply(secretName));
        if (id == null && secret == null) {
            return null;
        }
        if (id == null || secret == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "partial AWS credentials in " + source + ": "
                    + (id == null ? secretName + " is set but " + idName : idName + " is set but " + secretName)
                    + " is missing; set both, or neither");
        }
        return new StaticCredentials(new AwsCredentials(id, secret, AwsEnvironment.nonBlank(values.apply(tokenName))), source);
    }

    /** The keys of the environment variables, or null when they are not set. */
    static StaticCredentials fromEnvironment(AwsEnvironment env) {
        return fromValues(env::get, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "environment variables");
    }
}
