package io.ferry.remote;

import io.ferry.remote.http.Endpoint;
import io.ferry.remote.http.ProxyRules;
import io.ferry.remote.http.UserAgent;
import io.ferry.remote.s3.S3Config;
import io.ferry.remote.s3.S3Location;
import io.ferry.remote.s3.SigV4Signer;
import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * An {@code s3://bucket/key} object at the endpoint and with the addressing of an {@link S3Config};
 * every attempt of every request is signed with SigV4 at the time it is sent, unless the access is
 * anonymous, with the credentials at hand (signing never waits for a credential source: control
 * calls do, see {@link #prepareToPost()}). Bodies are sent as {@code UNSIGNED-PAYLOAD}: they come
 * from the caller's memory and are not hashed twice.
 */
final class S3Access implements ObjectAccess {
    static final String CHECKSUM_HEADER = "x-amz-checksum-crc32c";

    private final S3Location location;
    private final URI uri;
    private final Endpoint endpoint;
    private final String host;
    private final S3Config config;

    /** A control call: resolves or refreshes the credentials, waiting for their source when it must. */
    S3Access(S3Config config, S3Location location, ProxyRules proxies) {
        this.location = location;
        this.uri = config.objectUri(location);
        this.endpoint = Endpoint.resolve(uri, proxies);
        this.host = SigV4Signer.hostHeader(uri);
        this.config = config;
        config.awaitCredentials();
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String describe() {
        return location.toString();
    }

    @Override
    public RequestHead request(HttpMethod method, String query, long contentLength, Map<String, String> headers) {
        String target = uri.getRawPath() + (query == null ? "" : "?" + query);
        RequestHead request = new RequestHead(method, target);
        request.headers().set(HeaderNames.HOST, host);
        request.headers().set(HeaderNames.USER_AGENT, UserAgent.VALUE);
        if (contentLength >= 0) {
            request.headers().set(HeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
        }
        headers.forEach(request.headers()::set);
        SigV4Signer signer = config.signer();
        if (signer != null) {
            URI signed = query == null ? uri : URI.create(uri + "?" + query);
            String payload = contentLength > 0 ? SigV4Signer.UNSIGNED_PAYLOAD : SigV4Signer.EMPTY_SHA256;
            for (Map.Entry<String, String> header : signer.sign(method.name(), signed, headers, payload, Instant.now()).entrySet()) {
                request.headers().set(header.getKey(), header.getValue());
            }
        }
        return request;
    }

    /** S3 checks the CRC32C of what it receives against {@code x-amz-checksum-crc32c} and refuses a mismatch (BadDigest). */
    @Override
    public Map<String, String> uploadChecksum(SegmentsBody body) {
        return Map.of(CHECKSUM_HEADER, body.crc32c());
    }

    @Override
    public String describeError(int status, String reason, byte[] body) {
        String described = HttpAccess.errorText(status, reason, body);
        return status == 400 || status == 401 || status == 403 ? described + " (" + config.describeSigning() + ")" : described;
    }

    @Override
    public void prepareToPost() {
        config.awaitCredentials();
    }
}
