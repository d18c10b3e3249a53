package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a namespace (or a controller) is: {@code nvme+tcp://HOST:PORT/SUBNQN/NSID}, the one syntax
 * used by the library, the CLI and the docs. HOST is a name, an IPv4 address or an IPv6 address in
 * brackets; PORT defaults to 4420 (the NVMe/TCP port); SUBNQN is the subsystem's NQN as written (it
 * holds no {@code /}); NSID is a decimal namespace id from 1, or absent (0 here) when only the
 * controller is meant.
 *
 * @param host         the host as written (without brackets)
 * @param port         the TCP port
 * @param subsystemNqn the subsystem NQN
 * @param nsid         the namespace id, or 0 for none
 */
public record NvmeAddress(String host, int port, String subsystemNqn, int nsid) {
    /** The scheme every address starts with. */
    public static final String SCHEME = "nvme+tcp://";
    /** The port when the address names none: 4420, the NVMe/TCP port. */
    public static final int DEFAULT_PORT = 4420;
    /** The well-known NQN of discovery controllers. */
    public static final String DISCOVERY_NQN = "nqn.2014-08.org.nvmexpress.discovery";
    private static final int MAX_NQN_BYTES = 223;

    /** Parses an address; the error names what is wrong and quotes the address. */
    public static NvmeAddress parse(String text) {
        if (text == null || !text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalid(text, "it must start with " + SCHEME);
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        HostPort hostPort = hostPort(text, authority);
        if (path.isEmpty()) {
            throw invalid(text, "the subsystem NQN is missing (nvme+tcp://HOST:PORT/SUBNQN/NSID)");
        }
        int nsSlash = path.indexOf('/');
        String nqn = nsSlash < 0 ? path : path.substring(0, nsSlash);
        String nsidText = nsSlash < 0 ? "" : path.substring(nsSlash + 1);
        checkNqn(text, nqn);
        int nsid = 0;
        if (!nsidText.isEmpty()) {
            nsid = number(text, nsidText, "namespace id", 1, 0xFFFF_FFFEL);
        }
        return new NvmeAddress(hostPort.host, hostPort.port, nqn, nsid);
    }

    /**
     * Parses the address of a discovery controller, as {@code ferry nvme discover} takes it:
     * {@code HOST:PORT} (port optional), or the same after {@link #SCHEME}, with no path or the
     * discovery NQN as its path.
     */
    public static NvmeAddress parseHostPort(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "expected HOST:PORT");
        }
        String authority = text;
        if (text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String rest = text.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            authority = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            if (!path.isEmpty() && !path.equals("/") && !path.equals(DISCOVERY_NQN) && !path.equals(DISCOVERY_NQN + "/")) {
                throw invalid(text, "a discovery controller is named by HOST:PORT alone (its NQN is " + DISCOVERY_NQN + ")");
            }
        }
        HostPort hostPort = hostPort(text, authority);
        return new NvmeAddress(hostPort.host, hostPort.port, DISCOVERY_NQN, 0);
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(String text, String authority) {
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(text, "an IPv6 address in brackets lacks its ']'");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(text, "expected ':PORT' after the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(':') != colon) {
                throw invalid(text, "an IPv6 address must be written in brackets, as [::1]:4420");
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(text, "the host is missing");
        }
        int port = portText == null ? DEFAULT_PORT : number(text, portText, "port", 1, 65535);
        return new HostPort(host, port);
    }

    private static void checkNqn(String text, String nqn) {
        if (nqn.length() > MAX_NQN_BYTES) {
            throw invalid(text, "the subsystem NQN is longer than " + MAX_NQN_BYTES + " bytes");
        }
        for (int i = 0; i < nqn.length(); i++) {
            char c = nqn.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw invalid(text, "the subsystem NQN holds a character that is not printable ASCII at " + i);
            }
        }
        if (!nqn.startsWith("nqn.")) {
            throw invalid(text, "the subsystem NQN '" + nqn + "' does not start with 'nqn.'");
        }
    }

    private static int number(String text, String digits, String what, long min, long max) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            throw invalid(text, "the " + what + " '" + digits + "' is not a decimal number");
        }
        long value = Long.parseLong(digits);
        if (value < min || value > max) {
            throw invalid(text, "the " + what + " " + value + " is not in " + min + ".." + max);
        }
        return (int) value;
    }

    private static FerryException invalid(String text, String problem) {
        return new FerryException(ErrorCode.INVALID_ARGUMENT, "not an NVMe/TCP address '" + text + "': " + problem);
    }

    /** This address with another namespace id (0: the controller only). */
    public NvmeAddress withNsid(int namespaceId) {
        return new NvmeAddress(host, port, subsystemNqn, namespaceId);
    }

    /** Resolves the host (a name may take a look-up). */
    public InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown host '" + host + "' in " + this, e);
        }
    }

    @Override
    public String toString() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return SCHEME + shownHost + ":" + port + "/" + subsystemNqn + (nsid == 0 ? "" : "/" + nsid);
    }
}
