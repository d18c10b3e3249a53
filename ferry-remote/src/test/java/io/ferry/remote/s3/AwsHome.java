package io.ferry.remote.s3;

import io.ferry.settings.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A home directory for tests, with {@code .aws/credentials} and {@code .aws/config} written on demand. */
final class AwsHome {
    private final Path home;

    AwsHome(Path home) {
        this.home = home;
    }

    Path path() {
        return home;
    }

    AwsHome credentials(String text) {
        return write(".aws/credentials", text);
    }

    AwsHome config(String text) {
        return write(".aws/config", text);
    }

    AwsHome write(String relativePath, String text) {
        Path file = home.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Resolves with this environment; its {@code FERRY_*} variables are the Ferry settings, as in
     * production. The instance metadata service is off unless the environment says otherwise, so
     * that no test asks the machine's real one.
     */
    S3Config resolve(Map<String, String> env) {
        return S3Config.resolve(withoutInstanceMetadata(env), home, Settings.builder().environment(env).build());
    }

    /** {@code env} with {@code AWS_EC2_METADATA_DISABLED=true}, unless it sets that variable. */
    static Map<String, String> withoutInstanceMetadata(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("AWS_EC2_METADATA_DISABLED", "true");
        return all;
    }
}
