package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.ArrayList;
import java.util.List;

/**
 * The credentials chain of the AWS SDK for Java 2.x (without its Java system properties): the
 * environment variables; web identity from the environment; the profile ({@code AWS_PROFILE},
 * else {@code default}) of the shared files; container credentials; EC2 instance metadata. The
 * first source that is configured is used, and asked again on every refresh; one that is
 * configured but fails is an error naming it, not a reason to try the next. When no source is
 * configured (and instance metadata does not answer), the message lists what was tried.
 */
final class DefaultCredentialsChain implements AwsCredentialsProvider {
    private final AwsEnvironment env;
    private volatile AwsCredentialsProvider chosen;

    DefaultCredentialsChain(AwsEnvironment env) {
        this.env = env;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider source = chosen;
        return source != null ? source.resolveCredentials() : choose();
    }

    @Override
    public String describe() {
        AwsCredentialsProvider source = chosen;
        return source != null ? source.describe() : "the default credentials chain";
    }

    private AwsCredentials choose() {
        List<String> tried = new ArrayList<>();
        AwsCredentialsProvider source = StaticCredentials.fromEnvironment(env);
        if (source == null) {
            tried.add("environment variables (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set)");
            source = WebIdentityCredentials.fromEnvironment(env);
        }
        AwsProfile profile = null;
        if (source == null) {
            tried.add("web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set)");
            profile = AwsProfile.load(env);
            source = ProfileCredentials.find(profile, env);
        }
        if (source == null) {
            tried.add("profile " + profile.name() + " (no credentials in " + profile.credentialsSectionName() + " or "
                    + profile.configSectionName() + ")");
            source = ContainerCredentials.fromEnvironment(env);
        }
        if (source != null) {
            return use(source);
        }
        tried.add("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set)");
        InstanceMetadataCredentials instance = InstanceMetadataCredentials.fromEnvironment(env, profile);
        if (instance == null) {
            tried.add("EC2 instance metadata (AWS_EC2_METADATA_DISABLED is true)");
        } else {
            try {
                return use(instance);
            } catch (FerryException unavailable) {
                tried.add(unavailable.getMessage());
            }
        }
        throw new FerryException(ErrorCode.INVALID_ARGUMENT, "no AWS credentials found; tried " + String.join("; ", tried));
    }

    private AwsCredentials use(AwsCredentialsProvider source) {
        AwsCredentials credentials = source.resolveCredentials();
        chosen = source;
        return credentials;
    }
}
