package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the credentials that sign S3 requests come from. Give one to
 * {@code RemoteBackend.factory().credentials(provider)}; without one, the backend uses
 * {@link #defaultChain()}.
 *
 * <pre>{@code
 * RemoteBackend.factory().credentials(AwsCredentialsProvider.of(new AwsCredentials(id, secret, null)));
 * RemoteBackend.factory().credentials(AwsCredentialsProvider.profile("analytics"))
 *                        .credentialsRefresh(executor);   // temporary credentials renewed during transfers
 * }</pre>
 *
 * <p>Contract: {@link #resolveCredentials()} may block — run a process, read files, make an HTTP
 * exchange — and is only called from a control call (opening or creating an object, posting a
 * transfer) or from the refresh executor the application supplied, never from a duty cycle.
 * Calls do not overlap. It returns fresh credentials each time it is asked (the backend keeps
 * them until they are due for renewal) or throws a {@link FerryException} whose one-line message
 * names the source and what was wrong. The factories read the process's environment and
 * {@code $HOME/.aws} when asked, not when created.
 */
public interface AwsCredentialsProvider {

    /**
     * Credentials from this source, fresh.
     *
     * @throws FerryException naming the source: {@code INVALID_ARGUMENT} for a missing or bad
     *                        configuration, {@code ACCESS_DENIED} when a service refused,
     *                        {@code IO_ERROR} or {@code TIMED_OUT} when it could not be asked
     */
    AwsCredentials resolveCredentials();

    /** The source, for messages, such as {@code environment variables}; never a secret. */
    default String describe() {
        return "credentials given by the application";
    }

    /** These credentials, always. */
    static AwsCredentialsProvider of(AwsCredentials credentials) {
        return new StaticCredentials(Objects.requireNonNull(credentials, "credentials"), "credentials given by the application");
    }

    /**
     * The chain of the AWS SDKs, in their order: environment variables; web identity
     * ({@code AWS_WEB_IDENTITY_TOKEN_FILE}); the profile ({@code AWS_PROFILE}) of the shared
     * config and credentials files, with keys, {@code credential_process}, SSO, web identity or
     * an assumed role; container credentials; EC2 instance metadata. See the README.
     */
    static AwsCredentialsProvider defaultChain() {
        return new DefaultCredentialsChain(AwsEnvironment.system());
    }

    /** {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}. */
    static AwsCredentialsProvider environment() {
        return new Deferred("environment variables", () -> StaticCredentials.fromEnvironment(AwsEnvironment.system()),
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
    }

    /** The credentials that profile {@code name} of the shared config and credentials files configures, of any kind. */
    static AwsCredentialsProvider profile(String name) {
        Objects.requireNonNull(name, "name");
        return new Deferred("profile " + name, () -> {
            AwsEnvironment env = AwsEnvironment.system();
            AwsProfile profile = AwsProfile.named(env, name);
            if (!profile.exists()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "profile " + name + " is neither "
                        + profile.credentialsSectionName() + " nor " + profile.configSectionName());
            }
            return ProfileCredentials.find(profile, env);
        }, "it configures no credentials");
    }

    /** The JSON that {@code command} prints, as a {@code credential_process} of a profile. */
    static AwsCredentialsProvider process(String command) {
        return new ProcessCredentials(Objects.requireNonNull(command, "command"), "credential_process '" + command + "'");
    }

    /** Web identity as the variables {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code AWS_ROLE_SESSION_NAME} configure it. */
    static AwsCredentialsProvider webIdentity() {
        return new Deferred("web identity", () -> WebIdentityCredentials.fromEnvironment(AwsEnvironment.system()),
                "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set");
    }

    /** Credentials of {@code roleArn} for the web identity token in {@code tokenFile}, from STS as the environment names it. */
    static AwsCredentialsProvider webIdentity(String roleArn, Path tokenFile) {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(tokenFile, "tokenFile");
        String source = "web identity (role " + roleArn + ", token file " + tokenFile + ")";
        return new Deferred(source, () -> new WebIdentityCredentials(roleArn, tokenFile, null,
                Sts.resolve(AwsEnvironment.system(), null), source), "");
    }

    /** Container credentials as {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} or {@code _FULL_URI} configure them. */
    static AwsCredentialsProvider container() {
        return new Deferred("container credentials", () -> ContainerCredentials.fromEnvironment(AwsEnvironment.system()),
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");
    }

    /** The role of this EC2 instance, from its instance metadata service (IMDSv2). */
    static AwsCredentialsProvider instanceMetadata() {
        return new Deferred("EC2 instance metadata", () -> InstanceMetadataCredentials.fromEnvironment(AwsEnvironment.system(), null),
                "AWS_EC2_METADATA_DISABLED is true");
    }
}
