package io.ferry.remote.s3;

import io.ferry.settings.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Resolves with this environment; its {@code FERRY_*} variables are the Ferry settings, as in production. */
    S3Config resolve(Map<String, String> env) {
        return S3Config.resolve(env, home, Settings.builder().environment(env).build());
    }
}
