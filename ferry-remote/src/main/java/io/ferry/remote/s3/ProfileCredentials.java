package io.ferry.remote.s3;

import io.ferry.ErrorCode;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * The credentials a profile configures, chosen as the AWS SDK for Java 2.x chooses them: a
 * {@code role_arn} with a {@code web_identity_token_file}; else SSO ({@code sso_session} or the
 * legacy {@code sso_*} properties); else a {@code role_arn} assumed with the credentials of its
 * {@code source_profile} or {@code credential_source}; else {@code credential_process}; else keys
 * ({@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_session_token}), from the
 * credentials file before the config file.
 */
final class ProfileCredentials {
    private ProfileCredentials() {
    }

    /** The provider {@code profile} configures, or null when it configures none. */
    static AwsCredentialsProvider find(AwsProfile profile, AwsEnvironment env) {
        return find(profile, env, new LinkedHashSet<>());
    }

    private static AwsCredentialsProvider find(AwsProfile profile, AwsEnvironment env, Set<String> chain) {
        String roleArn = profile.value("role_arn");
        String tokenFile = profile.value("web_identity_token_file");
        if (roleArn != null && tokenFile != null) {
            return new WebIdentityCredentials(roleArn, env.path(tokenFile), profile.value("role_session_name"), Sts.resolve(env, profile),
                    "web identity of profile " + profile.name() + " (" + profile.sectionOf("web_identity_token_file") + ")");
        }
        if (SsoCredentials.isSsoProfile(profile)) {
            return SsoCredentials.fromProfile(profile, env);
        }
        if (roleArn != null) {
            return new AssumeRoleCredentials(roleSource(profile, env, chain), profile, Sts.resolve(env, profile));
        }
        String process = profile.value("credential_process");
        if (process != null) {
            return new ProcessCredentials(process, "credential_process of profile " + profile.name() + " ("
                    + profile.sectionOf("credential_process") + ")");
        }
        return keys(profile);
    }

    /** The keys of the profile, from the credentials file before the config file, or null. */
    private static StaticCredentials keys(AwsProfile profile) {
        StaticCredentials keys = null;
        if (profile.credentials() != null) {
            keys = StaticCredentials.fromValues(profile.credentials()::get, "aws_access_key_id", "aws_secret_access_key",
                    "aws_session_token", profile.credentialsSectionName());
        }
        if (keys == null && profile.config() != null) {
            keys = StaticCredentials.fromValues(profile.config()::get, "aws_access_key_id", "aws_secret_access_key",
                    "aws_session_token", profile.configSectionName());
        }
        return keys;
    }

    /** The credentials that sign the AssumeRole call of a profile's {@code role_arn}. */
    private static AwsCredentialsProvider roleSource(AwsProfile profile, AwsEnvironment env, Set<String> chain) {
        String where = "profile " + profile.name() + " (" + profile.sectionOf("role_arn") + ")";
        if (profile.value("mfa_serial") != null) {
            throw failure(ErrorCode.INVALID_ARGUMENT, where, "role_arn with mfa_serial needs a code typed at a prompt, which Ferry "
                    + "does not ask for; use credential_process, or a session from aws sts get-session-token");
        }
        String sourceProfile = profile.value("source_profile");
        String credentialSource = profile.value("credential_source");
        if ((sourceProfile == null) == (credentialSource == null)) {
            throw failure(ErrorCode.INVALID_ARGUMENT, where, "role_arn needs exactly one of source_profile and credential_source");
        }
        if (credentialSource != null) {
            return namedSource(credentialSource, env, profile, where);
        }
        chain.add(profile.name());
        if (sourceProfile.equals(profile.name())) {
            // A profile that is its own source signs with its own keys (as the AWS CLI allows).
            StaticCredentials own = keys(profile);
            if (own == null) {
                throw failure(ErrorCode.INVALID_ARGUMENT, where, "source_profile names the profile itself, which has no keys");
            }
            return own;
        }
        if (chain.contains(sourceProfile)) {
            throw failure(ErrorCode.INVALID_ARGUMENT, where, "source_profile makes a loop: " + String.join(" -> ", chain)
                    + " -> " + sourceProfile);
        }
        AwsProfile next = profile.other(sourceProfile);
        AwsCredentialsProvider found = next.exists() ? find(next, env, chain) : null;
        if (found == null) {
            throw failure(ErrorCode.INVALID_ARGUMENT, where, "source_profile " + sourceProfile
                    + (next.exists() ? " configures no credentials" : " exists nowhere"));
        }
        return found;
    }

    private static AwsCredentialsProvider namedSource(String name, AwsEnvironment env, AwsProfile profile, String where) {
        AwsCredentialsProvider source = switch (name.toLowerCase(Locale.ROOT)) {
            case "environment" -> StaticCredentials.fromEnvironment(env);
            case "ec2instancemetadata" -> InstanceMetadataCredentials.fromEnvironment(env, profile);
            case "ecscontainer" -> ContainerCredentials.fromEnvironment(env);
            default -> throw failure(ErrorCode.INVALID_ARGUMENT, where, "credential_source " + name
                    + " is none of Environment, Ec2InstanceMetadata and EcsContainer");
        };
        if (source == null) {
            throw failure(ErrorCode.INVALID_ARGUMENT, where, "credential_source " + name + " is not configured here");
        }
        return source;
    }
}
