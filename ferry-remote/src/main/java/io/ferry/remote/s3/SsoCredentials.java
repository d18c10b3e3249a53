package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * An SSO (IAM Identity Center) profile: the access token that {@code aws sso login} left in the
 * CLI's token cache ({@code ~/.aws/sso/cache/<sha1>.json}, keyed by the {@code sso_session}
 * name, or by the start URL of a legacy profile) is traded at the portal (GetRoleCredentials)
 * for temporary credentials of {@code sso_role_name} in {@code sso_account_id}. The token is not
 * renewed here: once it expired, {@code aws sso login} must run again, and the message says so.
 * The portal is {@code AWS_ENDPOINT_URL_SSO}, else {@code AWS_ENDPOINT_URL}, else
 * {@code https://portal.sso.<sso_region>.amazonaws.com}.
 */
final class SsoCredentials implements AwsCredentialsProvider {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CredentialsDocument FIELDS =
            new CredentialsDocument("accessKeyId", "secretAccessKey", "sessionToken", "expiration");

    private final URI request;
    private final Path tokenFile;
    private final String login;
    private final String source;

    private SsoCredentials(URI request, Path tokenFile, String login, String source) {
        this.request = request;
        this.tokenFile = tokenFile;
        this.login = login;
        this.source = source;
    }

    /** Whether {@code profile} is an SSO profile: it sets any of the SSO properties. */
    static boolean isSsoProfile(AwsProfile profile) {
        return profile.value("sso_session") != null || profile.value("sso_start_url") != null || profile.value("sso_region") != null
                || profile.value("sso_account_id") != null || profile.value("sso_role_name") != null;
    }

    /** The provider of an SSO profile, its configuration checked. */
    static SsoCredentials fromProfile(AwsProfile profile, AwsEnvironment env) {
        String source = "SSO profile " + profile.name() + " (" + profile.configSectionName() + ")";
        String accountId = require(profile, "sso_account_id", source);
        String roleName = require(profile, "sso_role_name", source);
        String session = profile.value("sso_session");
        String region;
        String cacheKey;
        if (session != null) {
            Map<String, String> section = profile.ssoSession(session);
            if (section == null) {
                throw failure(ErrorCode.INVALID_ARGUMENT, source, "sso_session = " + session + " names no "
                        + profile.ssoSessionName(session) + " section");
            }
            region = AwsEnvironment.nonBlank(section.get("sso_region"));
            if (region == null || AwsEnvironment.nonBlank(section.get("sso_start_url")) == null) {
                throw failure(ErrorCode.INVALID_ARGUMENT, source, profile.ssoSessionName(session)
                        + " needs sso_region and sso_start_url");
            }
            cacheKey = session;
        } else {
            region = require(profile, "sso_region", source);
            cacheKey = require(profile, "sso_start_url", source);
        }
        String configured = env.get("AWS_ENDPOINT_URL_SSO") != null ? env.get("AWS_ENDPOINT_URL_SSO") : env.get("AWS_ENDPOINT_URL");
        String portal = configured != null ? configured.replaceAll("/+$", "") : "https://portal.sso." + region + ".amazonaws.com";
        URI request = URI.create(portal + "/federation/credentials?account_id=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8)
                + "&role_name=" + URLEncoder.encode(roleName, StandardCharsets.UTF_8));
        Path tokenFile = env.home().resolve(".aws").resolve("sso").resolve("cache").resolve(sha1Hex(cacheKey) + ".json");
        String login = "run aws sso login" + (profile.name().equals("default") ? "" : " --profile " + profile.name());
        return new SsoCredentials(request, tokenFile, login, source);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String token = cachedToken();
        BlockingHttp.Reply reply;
        try {
            reply = BlockingHttp.exchange("GET", request, Map.of("x-amz-sso_bearer_token", token), null, TIMEOUT);
        } catch (IOException e) {
            throw SourceFailures.unreachable(source, request, TIMEOUT, e);
        }
        if (reply.status() == 401 || reply.status() == 403) {
            throw failure(ErrorCode.ACCESS_DENIED, source, "the SSO portal refused the cached token (HTTP " + reply.status() + " "
                    + SourceFailures.firstLine(reply.text()) + "); " + login);
        }
        if (!reply.isSuccess()) {
            throw SourceFailures.refused(source + ": GetRoleCredentials at " + request.getScheme() + "://" + request.getRawAuthority(),
                    reply, SourceFailures.firstLine(reply.text()));
        }
        Object roleCredentials = CredentialsDocument.parse(reply.text(), source).get("roleCredentials");
        if (!(roleCredentials instanceof Map<?, ?> document)) {
            throw failure(ErrorCode.IO_ERROR, source, "the portal's answer has no roleCredentials");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) document;
        return FIELDS.read(fields, source);
    }

    @Override
    public String describe() {
        return source;
    }

    /** The access token of the CLI's cache, checked for expiry. */
    private String cachedToken() {
        String text;
        try {
            text = Files.readString(tokenFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, "no SSO token in the cache (" + tokenFile + "); " + login);
        } catch (IOException e) {
            throw failure(ErrorCode.IO_ERROR, source, "cannot read the SSO token cache " + tokenFile + " (" + e.getMessage() + ")");
        }
        Map<String, Object> cache = CredentialsDocument.parse(text, source + ": token cache " + tokenFile);
        String token = CredentialsDocument.required(cache, "accessToken", source + ": token cache " + tokenFile);
        String expiresAt = CredentialsDocument.required(cache, "expiresAt", source + ": token cache " + tokenFile);
        Instant expiry;
        try {
            expiry = Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            throw failure(ErrorCode.IO_ERROR, source, "the token cache " + tokenFile + " has expiresAt '" + expiresAt
                    + "', not a time such as 2030-01-31T12:00:00Z");
        }
        if (!expiry.isAfter(Instant.now())) {
            throw failure(ErrorCode.ACCESS_DENIED, source, "the SSO token expired at " + expiry + "; " + login);
        }
        return token;
    }

    private static String require(AwsProfile profile, String key, String source) {
        String value = profile.value(key);
        if (value == null) {
            throw failure(ErrorCode.INVALID_ARGUMENT, source, key + " is missing");
        }
        return value;
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "every JDK has SHA-1", e);
        }
    }
}
