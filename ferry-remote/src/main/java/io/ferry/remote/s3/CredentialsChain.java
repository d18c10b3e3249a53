package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Map;
import java.util.function.Function;

/**
 * Finds credentials the way the AWS CLI does for static keys: the environment variables, then the
 * profile in the shared credentials file, then the profile in the config file. A source that holds
 * only one of the two keys is an error naming the missing one, never silently skipped.
 */
final class CredentialsChain {
    /** Credentials and where they were found, such as {@code environment variables}. */
    record Found(AwsCredentials credentials, String source) {
    }

    private CredentialsChain() {
    }

    /** The first credentials found, or null when none are configured. */
    static Found find(Map<String, String> env, AwsProfile profile) {
        Found found = from(env::get, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "environment variables");
        if (found == null && profile.credentials() != null) {
            found = from(profile.credentials()::get, "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                    profile.credentialsSectionName());
        }
        if (found == null && profile.config() != null) {
            found = from(profile.config()::get, "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                    profile.configSectionName());
        }
        return found;
    }

    private static Found from(Function<String, String> values, String idName, String secretName, String tokenName, String source) {
        String id = AwsProfile.nonBlank(values.apply(idName));
        String secret = AwsProfile.nonBlank(values.apply(secretName));
        if (id == null && secret == null) {
            return null;
        }
        if (id == null || secret == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "partial AWS credentials in " + source + ": "
                    + (id == null ? secretName + " is set but " + idName : idName + " is set but " + secretName)
                    + " is missing; set both, or neither");
        }
        return new Found(new AwsCredentials(id, secret, AwsProfile.nonBlank(values.apply(tokenName))), source);
    }
}
