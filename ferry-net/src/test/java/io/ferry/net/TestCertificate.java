package io.ferry.net;

import io.ferry.testkit.SelfSignedCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One self-signed certificate for 127.0.0.1 and its key, for the TLS tests of this module: made once per JVM, deleted at its exit. */
final class TestCertificate {
    static final Path CERTIFICATE;
    static final Path KEY;

    static {
        try {
            Path directory = Files.createTempDirectory("ferry-net-tls");
            directory.toFile().deleteOnExit(); // registered first, so deleted last
            CERTIFICATE = directory.resolve("cert.pem");
            KEY = directory.resolve("key.pem");
            CERTIFICATE.toFile().deleteOnExit();
            KEY.toFile().deleteOnExit();
            SelfSignedCertificate.create(CERTIFICATE, KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestCertificate() {
    }
}
