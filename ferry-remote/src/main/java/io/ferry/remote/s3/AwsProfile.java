package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.nio.file.Path;
import java.util.Map;

/**
 * A profile as the AWS CLI and SDKs read it: its section in the shared credentials file
 * ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}), named {@code [name]},
 * and in the config file ({@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}), named
 * {@code [profile name]} (or {@code [default]}). A property set in both is taken from the
 * credentials file. Either section may be absent.
 */
final class AwsProfile {
    private final String name;
    private final AwsProfileFile credentialsFile;
    private final AwsProfileFile configFile;

    private AwsProfile(String name, AwsProfileFile credentialsFile, AwsProfileFile configFile) {
        this.name = name;
        this.credentialsFile = credentialsFile;
        this.configFile = configFile;
    }

    /** The profile the AWS CLI would use: {@code AWS_PROFILE}, else {@code default}; a named profile must exist. */
    static AwsProfile load(AwsEnvironment env) {
        String named = env.get("AWS_PROFILE");
        AwsProfile profile = named(env, named == null ? "default" : named);
        if (named != null && !profile.exists()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "AWS_PROFILE=" + named + " names a profile that is neither "
                    + profile.credentialsSectionName() + " nor " + profile.configSectionName());
        }
        return profile;
    }

    /** Profile {@code name} of the files the environment names; it may not exist. */
    static AwsProfile named(AwsEnvironment env, String name) {
        return new AwsProfile(name, AwsProfileFile.read(file(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials")),
                AwsProfileFile.read(file(env, "AWS_CONFIG_FILE", "config")));
    }

    /** Another profile of the same files, such as a {@code source_profile}; it may not exist. */
    AwsProfile other(String otherName) {
        return new AwsProfile(otherName, credentialsFile, configFile);
    }

    String name() {
        return name;
    }

    boolean exists() {
        return credentials() != null || config() != null;
    }

    /** The profile's section in the credentials file, or null. */
    Map<String, String> credentials() {
        return credentialsFile.credentialsProfile(name);
    }

    /** The profile's section in the config file, or null. */
    Map<String, String> config() {
        return configFile.configProfile(name);
    }

    /** A property of the profile, from the credentials file, else the config file; null when neither sets it. */
    String value(String key) {
        String fromCredentials = credentials() == null ? null : AwsEnvironment.nonBlank(credentials().get(key));
        return fromCredentials != null ? fromCredentials : configValue(key);
    }

    /** Where {@link #value} found {@code key}, for messages. */
    String sectionOf(String key) {
        boolean inCredentials = credentials() != null && AwsEnvironment.nonBlank(credentials().get(key)) != null;
        return inCredentials ? credentialsSectionName() : configSectionName();
    }

    /** A value of this profile in the config file, or null. */
    String configValue(String key) {
        return config() == null ? null : AwsEnvironment.nonBlank(config().get(key));
    }

    /** The {@code [sso-session name]} section of the config file, or null. */
    Map<String, String> ssoSession(String session) {
        return configFile.ssoSession(session);
    }

    /** How the config file's section of an SSO session is named, for messages. */
    String ssoSessionName(String session) {
        return configFile.path() + " [sso-session " + session + "]";
    }

    /** How the config file's section of this profile is named, for messages. */
    String configSectionName() {
        return configFile.path() + " [" + (name.equals("default") ? "default" : "profile " + name) + "]";
    }

    /** How the credentials file's section of this profile is named, for messages. */
    String credentialsSectionName() {
        return credentialsFile.path() + " [" + name + "]";
    }

    private static Path file(AwsEnvironment env, String variable, String defaultName) {
        String value = env.get(variable);
        return value == null ? env.home().resolve(".aws").resolve(defaultName) : env.path(value);
    }
}
