package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Signs HTTP requests with AWS Signature Version 4 in the {@code Authorization} header. For the
 * service {@code s3} the path is encoded once and {@code x-amz-content-sha256} is sent and
 * signed; other services get the generic algorithm (path normalised and encoded twice).
 *
 * <p>Thread-safe: one signer may sign from many threads. The signing key is derived once per day.
 */
public final class SigV4Signer {
    /** The payload hash that tells S3 the body is not part of the signature. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** SHA-256 of no bytes, the payload hash of a request without a body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Set<String> SET_BY_SIGNER =
            Set.of("host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    // Mac and MessageDigest are not thread-safe and costly to look up: one of each per thread.
    private static final ThreadLocal<Mac> HMAC_SHA256 =
            ThreadLocal.withInitial(() -> algorithm(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(() -> algorithm(() -> MessageDigest.getInstance("SHA-256")));

    private final AwsCredentials credentials;
    private final String region;
    private final String service;
    private final boolean s3;
    private volatile SigningKey signingKey;

    private record SigningKey(String date, byte[] key) {
    }

    private interface AlgorithmLookup<T> {
        T get() throws GeneralSecurityException;
    }

    /** A signer that signs with {@code credentials} for {@code service} (such as {@code s3}) in {@code region}. */
    public SigV4Signer(AwsCredentials credentials, String region, String service) {
        if (credentials == null || region == null || region.isBlank() || service == null || service.isBlank()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a SigV4 signer needs credentials, a region and a service");
        }
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.s3 = service.equals("s3");
    }

    /** The credentials this signer signs with. */
    AwsCredentials credentials() {
        return credentials;
    }

    /**
     * Signs a request and returns the headers to add to it: {@code x-amz-date},
     * {@code x-amz-content-sha256} (for S3), {@code x-amz-security-token} (for temporary
     * credentials) and {@code Authorization}. Every header in {@code headers} is signed, so they
     * must be sent unchanged; {@code host} is signed from the URI and must be sent as {@link #hostHeader}.
     *
     * @param method           the HTTP method, such as {@code GET}
     * @param uri              the request URI, path and query already encoded (as {@link S3Config#objectUri} makes them)
     * @param headers          the headers to sign besides host; none of those the signer adds
     * @param payloadSha256Hex the lower-case hex SHA-256 of the body, {@link #EMPTY_SHA256} or {@link #UNSIGNED_PAYLOAD}
     * @param now              the signing time; AWS refuses requests more than 15 minutes off its clock
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, String payloadSha256Hex, Instant now) {
        if (payloadSha256Hex == null || payloadSha256Hex.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the payload hash is missing: pass EMPTY_SHA256 or UNSIGNED_PAYLOAD");
        }
        headers.keySet().forEach(name -> {
            if (SET_BY_SIGNER.contains(name.toLowerCase(Locale.ROOT))) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "header '" + name + "' is set by the signer, do not pass it");
            }
        });
        String timestamp = TIMESTAMP.format(now);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", timestamp);
        if (s3) {
            added.put("x-amz-content-sha256", payloadSha256Hex);
        }
        if (credentials.sessionToken() != null) {
            added.put("x-amz-security-token", credentials.sessionToken());
        }
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(added);
        SortedMap<String, String> canonicalHeaders = SigV4Canonical.headers(uri, all);
        String date = timestamp.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest(method, uri, canonicalHeaders, payloadSha256Hex).getBytes(StandardCharsets.UTF_8));
        String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));
        added.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + String.join(";", canonicalHeaders.keySet()) + ", Signature=" + signature);
        return added;
    }

    /** The {@code host} header value the signature covers: the URI's host, with the port unless it is the scheme's default. */
    public static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** The lower-case hex SHA-256 of {@code data}, the payload hash of a body held in memory. */
    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(SHA256.get().digest(data));
    }

    /** The canonical request for the given headers (host comes from the URI), as the signature covers it. */
    String canonicalRequest(String method, URI uri, Map<String, String> headers, String payloadSha256Hex) {
        return canonicalRequest(method, uri, SigV4Canonical.headers(uri, headers), payloadSha256Hex);
    }

    private String canonicalRequest(String method, URI uri, SortedMap<String, String> headers, String payloadSha256Hex) {
        StringBuilder request = new StringBuilder(512)
                .append(method).append('\n')
                .append(SigV4Canonical.path(uri.getRawPath(), s3)).append('\n')
                .append(SigV4Canonical.query(uri.getRawQuery())).append('\n');
        headers.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
        return request.append('\n')
                .append(String.join(";", headers.keySet())).append('\n')
                .append(payloadSha256Hex)
                .toString();
    }

    private byte[] signingKey(String date) {
        SigningKey cached = signingKey;
        if (cached == null || !cached.date().equals(date)) {
            byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
            for (String part : new String[] {region, service, "aws4_request"}) {
                key = hmac(key, part);
            }
            cached = new SigningKey(date, key);
            signingKey = cached;
        }
        return cached.key();
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC_SHA256.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T algorithm(AlgorithmLookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256 and SHA-256", e);
        }
    }
}
