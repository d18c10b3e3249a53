package io.ferry.remote;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK's handshake failures, as the JDK words them, in one plain line each. */
class TlsFailureTest {
    private static String plain(String jdkMessage) {
        return TlsFailure.describe(new SSLHandshakeException(jdkMessage));
    }

    @Test
    void shouldSayWhatIsWrongWithTheCertificate() {
        assertThat(plain("PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find "
                + "valid certification path to requested target")).startsWith("the server's certificate is not signed by an authority");
        assertThat(plain("No subject alternative names matching IP address 127.0.0.2 found"))
                .isEqualTo("the server's certificate is for another host name");
        assertThat(plain("No name matching example.org found")).isEqualTo("the server's certificate is for another host name");
        assertThat(plain("(certificate_unknown) No subject alternative DNS name matching example.org found."))
                .isEqualTo("the server's certificate is for another host name");
        assertThat(plain("PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"))
                .isEqualTo("the server's certificate has expired or is not yet valid");
        assertThat(plain("Unrecognized SSL message, plaintext connection?")).isEqualTo("the server does not speak TLS");
        assertThat(plain("Received fatal alert: handshake_failure")).isEqualTo("the TLS handshake failed: Received fatal alert: handshake_failure");
    }

    @Test
    void shouldFindTheHandshakeFailureInACauseChain() {
        SSLHandshakeException handshake = new SSLHandshakeException("x");
        assertThat(TlsFailure.in(new IOException("wrapped", handshake))).isSameAs(handshake);
        assertThat(TlsFailure.in(new IOException("no tls"))).isNull();
    }
}
