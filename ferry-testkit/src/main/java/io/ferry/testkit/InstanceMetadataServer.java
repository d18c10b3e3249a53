package io.ferry.testkit;

import java.util.HashSet;
import java.util.Set;

/**
 * A stand-in for the EC2 instance metadata service on 127.0.0.1, with IMDSv2 required as on
 * current instances: {@code PUT /latest/api/token} with {@code X-aws-ec2-metadata-token-ttl-seconds}
 * (1 to 21600, else 400) answers a session token; {@code GET /latest/meta-data/iam/security-credentials/}
 * answers the role's name and {@code .../<role>} its credentials as JSON ({@code Code}
 * {@code Success}), each only with a valid {@code X-aws-ec2-metadata-token} (else 401). Point
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} at {@link #endpoint()}.
 */
public final class InstanceMetadataServer extends CredentialStandIn {
    private static final String ROLES = "/latest/meta-data/iam/security-credentials/";

    private final Set<String> tokens = new HashSet<>();
    private String role = "stand-in-role";
    private boolean tokensRefused;

    private InstanceMetadataServer() {
        super("IMDS");
    }

    public static InstanceMetadataServer start() {
        return new InstanceMetadataServer();
    }

    /** An instance without an IAM role: the role list answers 404. */
    public synchronized InstanceMetadataServer noRole() {
        role = null;
        return this;
    }

    /** An instance that allows IMDSv1 only: the token PUT answers 403, GETs need no token. */
    public synchronized InstanceMetadataServer refuseTokens() {
        tokensRefused = true;
        return this;
    }

    @Override
    synchronized Response answer(HttpRequestHead head, byte[] body) {
        if (head.method().equals("PUT") && head.path().equals("/latest/api/token")) {
            return token(head.header("X-aws-ec2-metadata-token-ttl-seconds"));
        }
        if (!head.method().equals("GET")) {
            return Response.typed(405, "text/plain", "Method Not Allowed");
        }
        if (!tokensRefused && !tokens.contains(String.valueOf(head.header("X-aws-ec2-metadata-token")))) {
            return Response.typed(401, "text/plain", "Unauthorized");
        }
        if (head.path().equals(ROLES) && role != null) {
            return Response.typed(200, "text/plain", role);
        }
        if (role != null && head.path().equals(ROLES + role)) {
            String document = ContainerCredentialsServer.document(nextCredentials());
            return Response.typed(200, "application/json", "{\"Code\":\"Success\",\"LastUpdated\":\"2024-01-01T00:00:00Z\","
                    + "\"Type\":\"AWS-HMAC\"," + document.substring(1));
        }
        return Response.typed(404, "text/html", "<html><title>404 - Not Found</title></html>");
    }

    private Response token(String ttlSeconds) {
        if (tokensRefused) {
            return Response.typed(403, "text/plain", "Forbidden");
        }
        int ttl;
        try {
            ttl = Integer.parseInt(String.valueOf(ttlSeconds));
        } catch (NumberFormatException e) {
            ttl = 0;
        }
        if (ttl < 1 || ttl > 21600) {
            return Response.typed(400, "text/plain", "Bad Request");
        }
        String token = "imds-token-" + (tokens.size() + 1);
        tokens.add(token);
        return Response.typed(200, "text/plain", token);
    }
}
