package io.ferry.remote.s3;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the AWS SDKs read from the process: its environment variables and the home directory
 * that holds {@code .aws/}. The home directory is {@code $HOME}, as the AWS CLI and SDKs expand
 * {@code ~}; only without {@code HOME} is it the {@code user.home} property (the passwd entry).
 *
 * @param variables the environment variables; blank values count as unset
 * @param home      the directory whose {@code .aws/} holds the shared files and the SSO token cache
 */
record AwsEnvironment(Map<String, String> variables, Path home) {

    AwsEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The environment of this process. */
    static AwsEnvironment system() {
        return of(System.getenv());
    }

    /** {@code variables}, with the home directory of their {@code HOME}. */
    static AwsEnvironment of(Map<String, String> variables) {
        String home = nonBlank(variables.get("HOME"));
        return new AwsEnvironment(variables, Path.of(home != null ? home : System.getProperty("user.home")));
    }

    /** A variable's value without surrounding white space, or null when it is unset or blank. */
    String get(String name) {
        return nonBlank(variables.get(name));
    }

    /** Whether a variable is {@code true}, in any case, as the SDKs read their boolean switches. */
    boolean isTrue(String name) {
        String value = get(name);
        return value != null && value.toLowerCase(Locale.ROOT).equals("true");
    }

    /** A path as written in a variable or a profile: {@code ~/} stands for the home directory. */
    Path path(String value) {
        return value.startsWith("~/") ? home.resolve(value.substring(2)) : Path.of(value);
    }

    /** Null for null, empty or blank text: an exported but empty variable counts as unset. */
    static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
