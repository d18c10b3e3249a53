package io.ferry.remote.s3;

import io.ferry.ErrorCode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * The role of an EC2 instance, from its instance metadata service with IMDSv2 session tokens:
 * {@code PUT /latest/api/token}, then the role's name and its credentials under
 * {@code /latest/meta-data/iam/security-credentials/}, each sent with the token. As the SDKs do,
 * a service that refuses tokens with anything but 400 is asked without one (IMDSv1) unless
 * {@code AWS_EC2_METADATA_V1_DISABLED} is true. The endpoint is
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, else the profile's {@code ec2_metadata_service_endpoint},
 * else {@code http://169.254.169.254} ({@code http://[fd00:ec2::254]} in the IPv6 endpoint mode);
 * {@code AWS_EC2_METADATA_DISABLED=true} turns the source off. Each request waits at most one
 * second, as the AWS CLI does, so that a machine outside EC2 finds out quickly.
 */
final class InstanceMetadataCredentials implements AwsCredentialsProvider {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String TOKEN_TTL_SECONDS = "21600";
    private static final String ROLES = "/latest/meta-data/iam/security-credentials/";

    private final URI endpoint;
    private final boolean v1Allowed;
    private final String source;

    private InstanceMetadataCredentials(URI endpoint, boolean v1Allowed) {
        this.endpoint = endpoint;
        this.v1Allowed = v1Allowed;
        this.source = "EC2 instance metadata at " + endpoint;
    }

    /** The provider of this environment, or null when {@code AWS_EC2_METADATA_DISABLED} is true. */
    static InstanceMetadataCredentials fromEnvironment(AwsEnvironment env, AwsProfile profile) {
        if (env.isTrue("AWS_EC2_METADATA_DISABLED")) {
            return null;
        }
        String configured = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        if (configured == null && profile != null) {
            configured = profile.configValue("ec2_metadata_service_endpoint");
        }
        String mode = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
        if (mode == null && profile != null) {
            mode = profile.configValue("ec2_metadata_service_endpoint_mode");
        }
        boolean ipv6 = mode != null && mode.toLowerCase(Locale.ROOT).equals("ipv6");
        String endpoint = configured != null ? configured : ipv6 ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
        URI uri;
        try {
            uri = URI.create(endpoint.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw failure(ErrorCode.INVALID_ARGUMENT, "EC2 instance metadata", "the endpoint '" + endpoint + "' is not a URL");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw failure(ErrorCode.INVALID_ARGUMENT, "EC2 instance metadata", "the endpoint '" + endpoint + "' is not an http(s) URL");
        }
        boolean v1Disabled = env.isTrue("AWS_EC2_METADATA_V1_DISABLED")
                || (profile != null && "true".equalsIgnoreCase(profile.configValue("ec2_metadata_v1_disabled")));
        return new InstanceMetadataCredentials(uri, !v1Disabled);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String token = token();
        Map<String, String> headers = token == null ? Map.of() : Map.of("X-aws-ec2-metadata-token", token);
        BlockingHttp.Reply roles = get(ROLES, headers);
        if (roles.status() == 404) {
            throw failure(ErrorCode.NOT_FOUND, source, "no IAM role is attached to this instance");
        }
        String role = roles.text().strip().lines().findFirst().orElse("");
        if (!roles.isSuccess() || role.isEmpty()) {
            throw SourceFailures.refused(source, roles, role.isEmpty() ? "no role name in the answer" : SourceFailures.firstLine(roles.text()));
        }
        BlockingHttp.Reply credentials = get(ROLES + role, headers);
        if (!credentials.isSuccess()) {
            throw SourceFailures.refused(source + " (role " + role + ")", credentials, SourceFailures.firstLine(credentials.text()));
        }
        Map<String, Object> document = CredentialsDocument.parse(credentials.text(), source);
        String code = CredentialsDocument.optional(document, "Code", source);
        if (code != null && !code.equals("Success")) {
            throw failure(ErrorCode.IO_ERROR, source, "role " + role + " answered Code " + code);
        }
        return CredentialsDocument.METADATA.read(document, source);
    }

    @Override
    public String describe() {
        return source;
    }

    /** An IMDSv2 session token, or null to go on without one (IMDSv1). */
    private String token() {
        BlockingHttp.Reply reply = exchange("PUT", "/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS));
        if (reply.isSuccess() && !reply.text().isBlank()) {
            return reply.text().strip();
        }
        if (reply.status() == 400 || !v1Allowed) {
            throw SourceFailures.refused(source + " (session token)", reply, SourceFailures.firstLine(reply.text()));
        }
        return null;
    }

    private BlockingHttp.Reply get(String path, Map<String, String> headers) {
        return exchange("GET", path, headers);
    }

    private BlockingHttp.Reply exchange(String method, String path, Map<String, String> headers) {
        URI uri = endpoint.resolve(path);
        try {
            return BlockingHttp.exchange(method, uri, headers, method.equals("PUT") ? new byte[0] : null, TIMEOUT);
        } catch (IOException e) {
            throw SourceFailures.unreachable(source, uri, TIMEOUT, e);
        }
    }
}
