package io.ferry.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the AWS Security Token Service's query API on 127.0.0.1, answering as STS does:
 * {@code POST /} with a form body, {@code Action=AssumeRoleWithWebIdentity} (unsigned; the
 * {@code WebIdentityToken} is the proof) or {@code Action=AssumeRole} (which must carry a SigV4
 * {@code Authorization} header; the signature itself is not checked), answered with the
 * {@code <...Response><...Result><Credentials>} document, and errors as {@code <ErrorResponse>}.
 *
 * <pre>{@code
 * try (StsServer sts = StsServer.start()) {
 *     sts.acceptOnlyToken("the-oidc-token");
 *     // AWS_ENDPOINT_URL_STS = sts.endpoint()
 *     assertThat(sts.calls()).extracting(call -> call.get("Action")).containsExactly("AssumeRoleWithWebIdentity");
 * }
 * }</pre>
 */
public final class StsServer extends CredentialStandIn {
    private final List<Map<String, String>> calls = new ArrayList<>();
    private String acceptedToken;

    private StsServer() {
        super("STS");
    }

    public static StsServer start() {
        return new StsServer();
    }

    /** Refuses web identity tokens other than {@code token} with {@code InvalidIdentityToken} (any non-empty one is accepted unless set). */
    public synchronized StsServer acceptOnlyToken(String token) {
        acceptedToken = token;
        return this;
    }

    /** Answers the next request with an STS error document, such as 400 {@code ExpiredTokenException}. */
    public StsServer refuseNext(int status, String code, String message) {
        failNext(status, "text/xml", error(code, message));
        return this;
    }

    /**
     * The form parameters of every well-formed call, in order; a signed call also has
     * {@code Authorization}, the header it came with.
     */
    public synchronized List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    @Override
    Response answer(HttpRequestHead head, byte[] body) {
        if (!head.method().equals("POST")) {
            return xml(400, error("InvalidAction", "the query API is used with POST here"));
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", "");
        String authorization = head.header("Authorization");
        if (authorization != null) {
            form.put("Authorization", authorization);
        }
        synchronized (this) {
            calls.add(Map.copyOf(form));
        }
        for (String required : List.of("Version", "RoleArn", "RoleSessionName")) {
            if (!form.containsKey(required)) {
                return xml(400, error("MissingParameter", "The request must contain the parameter " + required));
            }
        }
        switch (action) {
            case "AssumeRoleWithWebIdentity" -> {
                String token = form.getOrDefault("WebIdentityToken", "");
                String accepted;
                synchronized (this) {
                    accepted = acceptedToken;
                }
                if (token.isEmpty() || (accepted != null && !accepted.equals(token))) {
                    return xml(400, error("InvalidIdentityToken", "The web identity token that was passed could not be validated by AWS."));
                }
            }
            case "AssumeRole" -> {
                if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
                    return xml(403, error("MissingAuthenticationToken", "Request is missing Authentication Token"));
                }
            }
            default -> {
                return xml(400, error("InvalidAction", "Could not find operation " + action + " for version 2011-06-15"));
            }
        }
        return xml(200, result(action, nextCredentials()));
    }

    private static String result(String action, IssuedCredentials credentials) {
        return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <" + action + "Result>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + escape(credentials.accessKeyId()) + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + escape(credentials.secretAccessKey()) + "</SecretAccessKey>\n"
                + "      <SessionToken>" + escape(credentials.sessionToken()) + "</SessionToken>\n"
                + "      <Expiration>" + credentials.expiration() + "</Expiration>\n"
                + "    </Credentials>\n  </" + action + "Result>\n"
                + "  <ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata>\n</" + action + "Response>\n";
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n"
                + "    <Code>" + escape(code) + "</Code>\n    <Message>" + escape(message) + "</Message>\n  </Error>\n"
                + "  <RequestId>stand-in</RequestId>\n</ErrorResponse>\n";
    }

    private static Response xml(int status, String document) {
        return Response.typed(status, "text/xml", document);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
