package io.ferry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the s3proxy executable jar is: the system property {@value #OVERRIDE_PROPERTY} if set,
 * else the path the build recorded in {@code ferry-testkit.properties} (the jar is copied beside
 * the test kit's build, never put on a classpath).
 */
final class S3ProxyJar {
    static final String OVERRIDE_PROPERTY = "ferry.s3proxy.jar";
    private static final String KIT_PROPERTIES = "/ferry-testkit.properties";

    private S3ProxyJar() {
    }

    static Path locate() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        Path jar = Path.of(override != null ? override : recordedPath());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no s3proxy jar at " + jar + (override != null
                    ? " (from -D" + OVERRIDE_PROPERTY + ")"
                    : " (recorded by the build of ferry-testkit); build it (mvn -pl ferry-testkit -am package)"
                            + " or set -D" + OVERRIDE_PROPERTY + "=PATH"));
        }
        return jar;
    }

    private static String recordedPath() {
        try (InputStream in = S3ProxyJar.class.getResourceAsStream(KIT_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(KIT_PROPERTIES + " is not on the classpath; set -D" + OVERRIDE_PROPERTY);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("s3proxy.jar");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + KIT_PROPERTIES, e);
        }
    }
}
