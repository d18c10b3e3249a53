package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * Assume-role with web identity, as on EKS with IAM roles for service accounts: the token file
 * (which the platform rewrites before it expires) is read again for every refresh and traded
 * with STS AssumeRoleWithWebIdentity for temporary credentials of the role. Configured by
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code AWS_ROLE_SESSION_NAME},
 * or by {@code web_identity_token_file}, {@code role_arn} and {@code role_session_name} of a profile.
 */
final class WebIdentityCredentials implements AwsCredentialsProvider {
    private final String roleArn;
    private final Path tokenFile;
    private final String sessionName;
    private final Sts sts;
    private final String source;

    WebIdentityCredentials(String roleArn, Path tokenFile, String sessionName, Sts sts, String source) {
        this.roleArn = roleArn;
        this.tokenFile = tokenFile;
        this.sessionName = sessionName != null ? sessionName : "ferry-" + System.currentTimeMillis();
        this.sts = sts;
        this.source = source;
    }

    /** The provider of the environment variables, or null when neither of the two required ones is set. */
    static WebIdentityCredentials fromEnvironment(AwsEnvironment env) {
        String tokenFile = env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
        String roleArn = env.get("AWS_ROLE_ARN");
        if (tokenFile == null && roleArn == null) {
            return null;
        }
        if (tokenFile == null || roleArn == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "web identity: " + (tokenFile == null
                    ? "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE" : "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN")
                    + " is missing; set both, or neither");
        }
        return new WebIdentityCredentials(roleArn, env.path(tokenFile), env.get("AWS_ROLE_SESSION_NAME"), Sts.resolve(env, null),
                "web identity (AWS_WEB_IDENTITY_TOKEN_FILE " + tokenFile + ", AWS_ROLE_ARN " + roleArn + ")");
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "the token file " + tokenFile + " does not exist");
        } catch (IOException e) {
            throw failure(ErrorCode.IO_ERROR, source, "cannot read the token file " + tokenFile + " (" + e.getMessage() + ")");
        }
        if (token.isEmpty()) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "the token file " + tokenFile + " is empty");
        }
        return sts.assumeRoleWithWebIdentity(roleArn, sessionName, token, source);
    }

    @Override
    public String describe() {
        return source;
    }
}
