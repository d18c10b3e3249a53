package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which HTTP proxy a request goes through, from the variables curl reads: {@code https_proxy}
 * (or {@code HTTPS_PROXY}) for https, {@code http_proxy} for http (lower case only, as curl: a web
 * server's CGI environment sets {@code HTTP_PROXY} from a request header), {@code all_proxy} (or
 * {@code ALL_PROXY}) for both, and {@code no_proxy} (or {@code NO_PROXY}): host names, which also
 * cover their subdomains, IP addresses, CIDR ranges, or {@code *} for every host.
 */
public final class ProxyRules {
    /** No proxy for any host. */
    public static final ProxyRules NONE = new ProxyRules(null, null, List.of(), false);
    /** curl's port for a proxy named without one. */
    private static final int DEFAULT_PROXY_PORT = 1080;

    private final Proxy https;
    private final Proxy http;
    private final List<String> bypass;
    private final boolean bypassAll;

    private ProxyRules(Proxy https, Proxy http, List<String> bypass, boolean bypassAll) {
        this.https = https;
        this.http = http;
        this.bypass = bypass;
        this.bypassAll = bypassAll;
    }

    /** An HTTP proxy: where to connect, and the {@code Proxy-Authorization} value, or null. */
    public record Proxy(String host, int port, String authorization) {
        @Override
        public String toString() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The rules set by {@code environment}; a proxy URL that cannot be used is a clear error. */
    public static ProxyRules from(Map<String, String> environment) {
        String all = first(environment, "all_proxy", "ALL_PROXY");
        String https = first(environment, "https_proxy", "HTTPS_PROXY");
        String http = first(environment, "http_proxy");
        String noProxy = first(environment, "no_proxy", "NO_PROXY");
        Proxy allProxy = parse(all, "all_proxy");
        return new ProxyRules(https != null ? parse(https, "https_proxy") : allProxy,
                http != null ? parse(http, "http_proxy") : allProxy, List.of(), false).withNoProxy(noProxy == null ? "" : noProxy);
    }

    /**
     * These rules with {@code url} as the proxy of every scheme, as curl's {@code --proxy}; the
     * hosts to reach directly stay.
     */
    public ProxyRules withProxy(String url) {
        Proxy proxy = parse(url, "proxy");
        if (proxy == null) {
            throw invalid("proxy", url, "it is empty");
        }
        return new ProxyRules(proxy, proxy, bypass, bypassAll);
    }

    /**
     * These rules with {@code hosts} (comma-separated) as the hosts to reach directly, as curl's
     * {@code --noproxy}: names, which also cover their subdomains, IP addresses, CIDR ranges, or
     * {@code *} for every host.
     */
    public ProxyRules withNoProxy(String hosts) {
        List<String> bypass = new ArrayList<>();
        boolean bypassAll = false;
        for (String entry : hosts.split("[,\\s]+")) {
            String name = entry.strip().toLowerCase(Locale.ROOT);
            if (name.equals("*")) {
                bypassAll = true;
            } else if (!name.isEmpty()) {
                bypass.add(name.startsWith(".") ? name.substring(1) : name);
            }
        }
        return new ProxyRules(https, http, List.copyOf(bypass), bypassAll);
    }

    /** The proxy for requests to {@code origin}, or null to connect to it directly. */
    public Proxy forOrigin(Origin origin) {
        Proxy proxy = origin.tls() ? https : http;
        if (proxy == null || bypassAll) {
            return null;
        }
        String host = origin.bareHost().toLowerCase(Locale.ROOT);
        for (String entry : bypass) {
            if (matches(entry, host)) {
                return null;
            }
        }
        return proxy;
    }

    private static boolean matches(String entry, String host) {
        int slash = entry.indexOf('/');
        if (slash > 0) {
            return inRange(entry.substring(0, slash), entry.substring(slash + 1), host);
        }
        String name = entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry;
        return host.equals(name) || host.endsWith("." + name);
    }

    /** True when {@code host} is an IP address in the CIDR range {@code network/bits}. */
    private static boolean inRange(String network, String bits, String host) {
        if (!isAddressLiteral(host) || !isAddressLiteral(network)) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            byte[] range = InetAddress.getByName(network).getAddress();
            int prefix = Integer.parseInt(bits);
            if (address.length != range.length || prefix < 0 || prefix > 8 * range.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (range[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /** An IPv4 or IPv6 literal, which InetAddress takes without asking DNS. */
    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static Proxy parse(String value, String variable) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.contains("://") ? value.strip() : "http://" + value.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(variable, value, "it is not a URL (" + e.getReason() + ")");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(variable, value, "only http:// proxies are supported, not " + uri.getScheme() + "://");
        }
        if (uri.getHost() == null) {
            throw invalid(variable, value, "it names no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw invalid(variable, value, "port " + uri.getPort() + " is out of range (1 to 65535)");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        String userInfo = uri.getUserInfo();
        String authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return new Proxy(host, uri.getPort() > 0 ? uri.getPort() : DEFAULT_PROXY_PORT, authorization);
    }

    private static FerryException invalid(String variable, String value, String problem) {
        String shown = value.replaceAll("(^|//)[^/@]*@", "$1***@"); // never show a proxy password
        return new FerryException(ErrorCode.INVALID_ARGUMENT, variable + "=" + shown + " cannot be used: " + problem);
    }

    private static String first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
