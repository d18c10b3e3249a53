package io.ferry.remote.http;

import io.ferry.FerryException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyRulesTest {
    private static final Origin HTTPS = Origin.of(URI.create("https://bucket.example.com/key"));
    private static final Origin HTTP = Origin.of(URI.create("http://example.com/key"));

    @Test
    void shouldUseTheProxyOfTheScheme() {
        ProxyRules rules = ProxyRules.from(Map.of("https_proxy", "http://secure:3128", "http_proxy", "plain:8080"));

        assertThat(rules.forOrigin(HTTPS)).isEqualTo(new ProxyRules.Proxy("secure", 3128, null));
        assertThat(rules.forOrigin(HTTP)).isEqualTo(new ProxyRules.Proxy("plain", 8080, null));
    }

    @Test
    void shouldIgnoreUpperCaseHttpProxyAsCurlDoes() {
        ProxyRules rules = ProxyRules.from(Map.of("HTTP_PROXY", "http://injected:8080", "HTTPS_PROXY", "http://secure:3128"));

        assertThat(rules.forOrigin(HTTP)).isNull();
        assertThat(rules.forOrigin(HTTPS)).isEqualTo(new ProxyRules.Proxy("secure", 3128, null));
    }

    @Test
    void shouldFallBackToAllProxyAndCurlsDefaultPort() {
        ProxyRules rules = ProxyRules.from(Map.of("ALL_PROXY", "proxy.internal"));

        assertThat(rules.forOrigin(HTTP)).isEqualTo(new ProxyRules.Proxy("proxy.internal", 1080, null));
        assertThat(rules.forOrigin(HTTPS)).isEqualTo(new ProxyRules.Proxy("proxy.internal", 1080, null));
    }

    @Test
    void shouldSendProxyCredentialsAsBasicAuthorization() {
        ProxyRules rules = ProxyRules.from(Map.of("https_proxy", "http://alice:s3cret@proxy:3128"));

        assertThat(rules.forOrigin(HTTPS).authorization()).isEqualTo("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void shouldBypassHostsDomainsAddressesAndRangesInNoProxy() {
        ProxyRules rules = ProxyRules.from(Map.of("all_proxy", "http://proxy:3128",
                "NO_PROXY", "localhost, .internal.example,10.0.0.0/8 ,::1,192.168.1.7"));

        assertThat(rules.forOrigin(origin("http://localhost:9000/"))).isNull();
        assertThat(rules.forOrigin(origin("https://s3.internal.example/"))).isNull();
        assertThat(rules.forOrigin(origin("https://internal.example/"))).isNull();
        assertThat(rules.forOrigin(origin("http://10.20.30.40/"))).isNull();
        assertThat(rules.forOrigin(origin("http://[::1]:8080/"))).isNull();
        assertThat(rules.forOrigin(origin("http://192.168.1.7/"))).isNull();
        assertThat(rules.forOrigin(origin("http://notinternal.example/"))).isNotNull();
        assertThat(rules.forOrigin(origin("http://11.0.0.1/"))).isNotNull();
        assertThat(rules.forOrigin(origin("http://192.168.1.70/"))).isNotNull();
    }

    @Test
    void shouldBypassEveryHostWithAStar() {
        ProxyRules rules = ProxyRules.from(Map.of("all_proxy", "http://proxy:3128", "no_proxy", "*"));

        assertThat(rules.forOrigin(HTTPS)).isNull();
    }

    @Test
    void shouldUseNoProxyWhenNothingIsSet() {
        assertThat(ProxyRules.from(Map.of()).forOrigin(HTTPS)).isNull();
        assertThat(ProxyRules.NONE.forOrigin(HTTP)).isNull();
    }

    @Test
    void shouldRefuseProxiesItCannotUseWithoutShowingTheirPassword() {
        assertThatThrownBy(() -> ProxyRules.from(Map.of("https_proxy", "socks5://bob:pw@proxy:1080")))
                .isInstanceOf(FerryException.class)
                .hasMessage("https_proxy=socks5://***@proxy:1080 cannot be used: only http:// proxies are supported, not socks5://");
        assertThatThrownBy(() -> ProxyRules.from(Map.of("http_proxy", "bob:pw@proxy:99999")))
                .hasMessage("http_proxy=***@proxy:99999 cannot be used: port 99999 is out of range (1 to 65535)");
    }

    @Test
    void shouldLetTheOptionsOverrideTheVariables() {
        ProxyRules rules = ProxyRules.from(Map.of("https_proxy", "http://secure:3128", "no_proxy", "example.com"))
                .withProxy("http://alice:pw@option:8080");

        assertThat(rules.forOrigin(HTTP)).as("no_proxy still applies").isNull();
        assertThat(rules.forOrigin(origin("https://other.org/"))).isEqualTo(new ProxyRules.Proxy("option", 8080, "Basic YWxpY2U6cHc="));
        assertThat(rules.withNoProxy("").forOrigin(HTTP)).isEqualTo(new ProxyRules.Proxy("option", 8080, "Basic YWxpY2U6cHc="));
        assertThatThrownBy(() -> ProxyRules.NONE.withProxy("https://proxy:3128"))
                .hasMessage("proxy=https://proxy:3128 cannot be used: only http:// proxies are supported, not https://");
    }

    private static Origin origin(String url) {
        return Origin.of(URI.create(url));
    }
}
