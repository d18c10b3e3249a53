package io.ferry.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for the IAM Identity Center (SSO) portal's GetRoleCredentials on 127.0.0.1:
 * {@code GET /federation/credentials?account_id=...&role_name=...} with the access token of
 * {@code aws sso login} in the {@code x-amz-sso_bearer_token} header, answered with
 * {@code {"roleCredentials": {...}}} (the expiration in milliseconds since the epoch), or 401
 * {@code UnauthorizedException} for a missing or refused token.
 */
public final class SsoPortalServer extends CredentialStandIn {
    private String acceptedToken;

    private SsoPortalServer() {
        super("SSO");
    }

    public static SsoPortalServer start() {
        return new SsoPortalServer();
    }

    /** Refuses access tokens other than {@code token} (any non-empty one is accepted unless set). */
    public synchronized SsoPortalServer acceptOnlyToken(String token) {
        acceptedToken = token;
        return this;
    }

    @Override
    Response answer(HttpRequestHead head, byte[] body) {
        if (!head.method().equals("GET") || !head.path().equals("/federation/credentials")) {
            return Response.typed(404, "application/json", "{\"message\":\"no such operation\"}");
        }
        Map<String, String> query = query(head.target());
        if (!query.containsKey("account_id") || !query.containsKey("role_name")) {
            return Response.typed(400, "application/json", "{\"message\":\"account_id and role_name are required\"}");
        }
        String token = head.header("x-amz-sso_bearer_token");
        String accepted;
        synchronized (this) {
            accepted = acceptedToken;
        }
        if (token == null || token.isEmpty() || (accepted != null && !accepted.equals(token))) {
            return Response.typed(401, "application/json", "{\"message\":\"Session token not found or invalid\"}");
        }
        IssuedCredentials credentials = nextCredentials();
        return Response.typed(200, "application/json", "{\"roleCredentials\":{\"accessKeyId\":" + json(credentials.accessKeyId())
                + ",\"secretAccessKey\":" + json(credentials.secretAccessKey()) + ",\"sessionToken\":" + json(credentials.sessionToken())
                + ",\"expiration\":" + credentials.expiration().toEpochMilli() + "}}");
    }

    private static Map<String, String> query(String target) {
        Map<String, String> parameters = new HashMap<>();
        int start = target.indexOf('?');
        if (start >= 0) {
            for (String pair : target.substring(start + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }
}
