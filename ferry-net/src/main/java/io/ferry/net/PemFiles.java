package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Certificates and private keys from PEM files, as openssl writes them. */
final class PemFiles {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private PemFiles() {
    }

    /** Every certificate in the file; at least one. */
    static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    /** The PKCS#8 private key ({@code BEGIN PRIVATE KEY}) of the file: RSA, EC or EdDSA. */
    static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot read the key " + file + ": " + e.getMessage(), e);
        }
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, file + " holds no PKCS#8 private key (\"" + KEY_BEGIN
                    + "\"); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // not this algorithm; try the next
            }
        }
        throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the key in " + file + " is neither RSA, EC nor EdDSA");
    }
}
