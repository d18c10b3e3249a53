package io.ferry.testkit;

import java.net.URI;

/**
 * A stand-in for the container credentials endpoint (the ECS agent's, or EKS Pod Identity's) on
 * 127.0.0.1: a GET of any path answers the role's credentials as JSON ({@code AccessKeyId},
 * {@code SecretAccessKey}, {@code Token}, {@code Expiration}, {@code RoleArn}). With
 * {@link #requireAuthorization}, a request without exactly that {@code Authorization} header is
 * answered 401. Point {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} at {@link #uri}.
 */
public final class ContainerCredentialsServer extends CredentialStandIn {
    private String authorization;

    private ContainerCredentialsServer() {
        super("ECS");
    }

    public static ContainerCredentialsServer start() {
        return new ContainerCredentialsServer();
    }

    /** {@code http://127.0.0.1:port/path}. */
    public URI uri(String path) {
        return Loopback.uri(endpoint().getPort(), path);
    }

    /** Answers 401 to requests whose {@code Authorization} header is not {@code token}. */
    public synchronized ContainerCredentialsServer requireAuthorization(String token) {
        authorization = token;
        return this;
    }

    @Override
    Response answer(HttpRequestHead head, byte[] body) {
        if (!head.method().equals("GET")) {
            return Response.typed(405, "application/json", "{\"message\":\"GET only\"}");
        }
        String required;
        synchronized (this) {
            required = authorization;
        }
        if (required != null && !required.equals(head.header("Authorization"))) {
            return Response.typed(401, "application/json", "{\"code\":\"InvalidToken\",\"message\":\"the authorization token was refused\"}");
        }
        return Response.typed(200, "application/json", document(nextCredentials()));
    }

    /** The credentials document of the container and instance metadata endpoints. */
    static String document(IssuedCredentials credentials) {
        return "{\"AccessKeyId\":" + json(credentials.accessKeyId()) + ",\"SecretAccessKey\":" + json(credentials.secretAccessKey())
                + ",\"Token\":" + json(credentials.sessionToken()) + ",\"Expiration\":" + json(credentials.expiration().toString())
                + ",\"RoleArn\":\"arn:aws:iam::123456789012:role/stand-in\"}";
    }
}
