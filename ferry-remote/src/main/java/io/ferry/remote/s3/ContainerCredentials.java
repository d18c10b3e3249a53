package io.ferry.remote.s3;

import io.ferry.ErrorCode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * Container credentials (ECS task roles, EKS Pod Identity): a GET of
 * {@code http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}, or of
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, with the {@code Authorization} header from the file
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} (read for every request) or from
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. As in the SDKs, a full URI over plain http must name
 * a loopback address or one of the container hosts, so that the token never leaves the machine.
 */
final class ContainerCredentials implements AwsCredentialsProvider {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String ECS_HOST = "http://169.254.170.2";
    private static final Set<String> CONTAINER_HOSTS = Set.of("169.254.170.2", "169.254.170.23", "fd00:ec2:0:0:0:0:0:23");

    private final URI uri;
    private final Path tokenFile;
    private final String token;
    private final String source;

    private ContainerCredentials(URI uri, Path tokenFile, String token, String source) {
        this.uri = uri;
        this.tokenFile = tokenFile;
        this.token = token;
        this.source = source;
    }

    /** The provider the variables configure, or null when neither URI variable is set. */
    static ContainerCredentials fromEnvironment(AwsEnvironment env) {
        String relative = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        String full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (relative == null && full == null) {
            return null;
        }
        String variable = relative != null ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
        String source = "container credentials (" + variable + ")";
        URI uri;
        try {
            uri = URI.create(relative != null ? ECS_HOST + (relative.startsWith("/") ? "" : "/") + relative : full);
        } catch (IllegalArgumentException e) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "not a URI: " + (relative != null ? relative : full));
        }
        if (relative == null) {
            checkFullUri(uri, source);
        }
        String tokenFile = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        return new ContainerCredentials(uri, tokenFile == null ? null : env.path(tokenFile), env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                source);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String authorization = authorization();
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        BlockingHttp.Reply reply;
        try {
            reply = BlockingHttp.exchange("GET", uri, headers, null, TIMEOUT);
        } catch (IOException e) {
            throw SourceFailures.unreachable(source, uri, TIMEOUT, e);
        }
        if (!reply.isSuccess()) {
            throw SourceFailures.refused(source + " at " + uri, reply, SourceFailures.firstLine(reply.text()));
        }
        return CredentialsDocument.METADATA.read(CredentialsDocument.parse(reply.text(), source), source);
    }

    @Override
    public String describe() {
        return source;
    }

    private String authorization() {
        String value = token;
        if (tokenFile != null) {
            try {
                value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw failure(ErrorCode.INVALID_ARGUMENT, source, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + tokenFile
                        + " (" + e.getMessage() + ")");
            }
        }
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "the authorization token holds a line break");
        }
        return value;
    }

    private static void checkFullUri(URI uri, String source) {
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "'" + uri + "' is not an http(s) URL");
        }
        if (uri.getScheme().equals("https")) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress() && !CONTAINER_HOSTS.contains(address.getHostAddress())) {
                    throw failure(ErrorCode.INVALID_ARGUMENT, source, "plain http is allowed only to a loopback address or "
                            + "the container host, not " + uri.getHost() + " (" + address.getHostAddress() + "); use https");
                }
            }
        } catch (UnknownHostException e) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "unknown host " + uri.getHost());
        }
    }
}
