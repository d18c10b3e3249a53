package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * The AWS Security Token Service, through its query API, for the two calls credential sources
 * make: AssumeRoleWithWebIdentity, unsigned (the web identity token is the proof), and
 * AssumeRole, signed with SigV4 by the source credentials. The endpoint is
 * {@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL}, else the regional endpoint of the
 * region ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's {@code region}), else the
 * global {@code https://sts.amazonaws.com}.
 */
final class Sts {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String VERSION = "2011-06-15";

    private final URI endpoint;
    private final String region;

    private Sts(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    /** STS as the SDKs find it for {@code profile} (or none) in {@code env}. */
    static Sts resolve(AwsEnvironment env, AwsProfile profile) {
        String region = env.get("AWS_REGION");
        if (region == null) {
            region = env.get("AWS_DEFAULT_REGION");
        }
        if (region == null && profile != null) {
            region = profile.configValue("region");
        }
        String configured = env.get("AWS_ENDPOINT_URL_STS") != null ? env.get("AWS_ENDPOINT_URL_STS") : env.get("AWS_ENDPOINT_URL");
        String endpoint = configured != null ? configured
                : region == null ? "https://sts.amazonaws.com"
                : "https://sts." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
        URI uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the STS endpoint '" + endpoint + "' is not an http(s) URL");
        }
        return new Sts(uri, region == null ? "us-east-1" : region);
    }

    URI endpoint() {
        return endpoint;
    }

    /** Credentials of {@code roleArn} for the holder of a web identity (OIDC) token. */
    AwsCredentials assumeRoleWithWebIdentity(String roleArn, String sessionName, String token, String source) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("RoleArn", roleArn);
        parameters.put("RoleSessionName", sessionName);
        parameters.put("WebIdentityToken", token);
        return call("AssumeRoleWithWebIdentity", parameters, null, source);
    }

    /** Credentials of {@code roleArn}, asked for with {@code signing}; {@code externalId} and {@code durationSeconds} may be null. */
    AwsCredentials assumeRole(AwsCredentials signing, String roleArn, String sessionName, String externalId, String durationSeconds,
                              String source) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("RoleArn", roleArn);
        parameters.put("RoleSessionName", sessionName);
        if (externalId != null) {
            parameters.put("ExternalId", externalId);
        }
        if (durationSeconds != null) {
            parameters.put("DurationSeconds", durationSeconds);
        }
        return call("AssumeRole", parameters, signing, source);
    }

    private AwsCredentials call(String action, Map<String, String> parameters, AwsCredentials signing, String source) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", VERSION);
        form.putAll(parameters);
        byte[] body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        if (signing != null) {
            headers.putAll(new SigV4Signer(signing, region, "sts").sign("POST", endpoint, headers, SigV4Signer.sha256Hex(body), Instant.now()));
        }
        BlockingHttp.Reply reply;
        try {
            reply = BlockingHttp.exchange("POST", endpoint, headers, body, TIMEOUT);
        } catch (IOException e) {
            throw SourceFailures.unreachable(source, endpoint, TIMEOUT, e);
        }
        String operation = "STS " + action;
        if (!reply.isSuccess()) {
            throw SourceFailures.refused(source + ": " + operation + " at " + endpoint, reply, errorOf(reply, operation));
        }
        return credentials(S3Xml.parse(reply.body(), operation + " response"), action, source);
    }

    private static String errorOf(BlockingHttp.Reply reply, String operation) {
        try {
            Element error = child(S3Xml.parse(reply.body(), operation + " error"), "Error");
            if (error != null) {
                String message = S3Xml.childText(error, "Message");
                return S3Xml.childText(error, "Code") + (message.isEmpty() ? "" : ": " + message);
            }
        } catch (FerryException notXml) {
            // Not STS's error document (a proxy's page): the first line says what there is to say.
        }
        return SourceFailures.firstLine(reply.text());
    }

    private static AwsCredentials credentials(Element root, String action, String source) {
        Element result = child(root, action + "Result");
        Element credentials = result == null ? null : child(result, "Credentials");
        if (credentials == null) {
            throw failure(ErrorCode.IO_ERROR, source, "the STS " + action + " response <" + root.getLocalName() + "> holds no Credentials");
        }
        String expiration = S3Xml.childText(credentials, "Expiration");
        try {
            return new AwsCredentials(S3Xml.childText(credentials, "AccessKeyId"), S3Xml.childText(credentials, "SecretAccessKey"),
                    AwsEnvironment.nonBlank(S3Xml.childText(credentials, "SessionToken")),
                    expiration.isEmpty() ? null : Instant.parse(expiration));
        } catch (FerryException | DateTimeParseException e) {
            throw failure(ErrorCode.IO_ERROR, source, "the STS " + action + " response holds incomplete credentials ("
                    + e.getMessage() + ")");
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }
}
