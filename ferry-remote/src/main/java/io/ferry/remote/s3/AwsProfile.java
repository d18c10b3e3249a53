package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.nio.file.Path;
import java.util.Map;

/**
 * The profile the AWS CLI would use ({@code AWS_PROFILE}, else {@code default}) and its sections
 * in the shared credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials})
 * and the config file ({@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}); a section is null when absent.
 */
record AwsProfile(String name, Path credentialsFile, Map<String, String> credentials,
                  Path configFile, Map<String, String> config) {

    static AwsProfile load(Map<String, String> env, Path home) {
        String named = nonBlank(env.get("AWS_PROFILE"));
        String name = named == null ? "default" : named;
        AwsProfileFile credentialsFile = AwsProfileFile.read(file(env, "AWS_SHARED_CREDENTIALS_FILE", home, "credentials"));
        AwsProfileFile configFile = AwsProfileFile.read(file(env, "AWS_CONFIG_FILE", home, "config"));
        AwsProfile profile = new AwsProfile(name, credentialsFile.path(), credentialsFile.credentialsProfile(name),
                configFile.path(), configFile.configProfile(name));
        if (named != null && profile.credentials == null && profile.config == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "AWS_PROFILE=" + name + " names a profile that is neither ["
                    + name + "] in " + profile.credentialsFile + " nor [profile " + name + "] in " + profile.configFile);
        }
        return profile;
    }

    /** A value of this profile in the config file, or null. */
    String configValue(String key) {
        return config == null ? null : nonBlank(config.get(key));
    }

    /** How the config file's section of this profile is named, for messages. */
    String configSectionName() {
        return configFile + " [" + (name.equals("default") ? "default" : "profile " + name) + "]";
    }

    /** How the credentials file's section of this profile is named, for messages. */
    String credentialsSectionName() {
        return credentialsFile + " [" + name + "]";
    }

    /** Null for null, empty or blank text: an exported but empty variable counts as unset. */
    static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Path file(Map<String, String> env, String variable, Path home, String defaultName) {
        String value = nonBlank(env.get(variable));
        if (value == null) {
            return home.resolve(".aws").resolve(defaultName);
        }
        return value.startsWith("~/") ? home.resolve(value.substring(2)) : Path.of(value);
    }
}
