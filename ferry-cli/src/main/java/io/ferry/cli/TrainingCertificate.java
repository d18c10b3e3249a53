package io.ferry.cli;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate for 127.0.0.1 that {@code ferry train} serves https under: a PKCS#12 key
 * store that the JDK's keytool makes (Java has no public API to sign a certificate), and the
 * certificate as PEM for {@code --cacert}.
 *
 * @param store the PKCS#12 key store with the key and its certificate
 * @param pem   the certificate alone, PEM
 */
record TrainingCertificate(Path store, Path pem) {
    private static final String PASSWORD = "ferry-train";
    private static final String ALIAS = "train";

    /** Makes one in {@code dir}; null when keytool is not there or fails (the training then leaves https out). */
    static TrainingCertificate make(Path dir) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        TrainingCertificate made = new TrainingCertificate(dir.resolve("train.p12"), dir.resolve("train.pem"));
        boolean ok = Files.isExecutable(keytool)
                && runs(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", made.store.toString(), "-storepass", PASSWORD))
                && runs(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", made.store.toString(),
                        "-storepass", PASSWORD, "-file", made.pem.toString()));
        return ok ? made : null;
    }

    private static boolean runs(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A server's TLS context with the key store's key. */
    SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the training key store " + store + ": " + e.getMessage(), e);
        }
    }
}
