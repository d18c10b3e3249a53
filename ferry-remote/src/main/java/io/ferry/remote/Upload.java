package io.ferry.remote;

import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;
import io.ferry.remote.http.ResponseHead;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** A PUT of a body taken from the caller's memory: a whole object, or one part of a multipart upload. */
final class Upload extends HttpTask {
    final int partNumber;
    private final String query;
    private final SegmentsBody body;
    private final Map<String, String> checksum;
    private final Map<String, String> headers;
    private String etag;

    /** @param headers more headers of the request, such as the object's metadata on a whole-object PUT */
    Upload(ObjectAccess access, TaskOwner owner, int partNumber, String query, SegmentsBody body, Map<String, String> headers) {
        super(access, owner);
        this.partNumber = partNumber;
        this.query = query;
        this.body = body;
        this.checksum = access.uploadChecksum(body);
        this.headers = new LinkedHashMap<>(headers);
        this.headers.putAll(checksum);
    }

    /** The checksum headers the server verifies the bytes by, empty where it verifies none. */
    Map<String, String> checksum() {
        return checksum;
    }

    /** The entity tag the server gave the uploaded bytes (S3 needs it to complete a multipart upload). */
    String etag() {
        return etag;
    }

    @Override
    public SegmentsBody body() {
        return body;
    }

    @Override
    String describe() {
        return "PUT " + access.describe() + (partNumber > 0 ? " (part " + partNumber + ", " : " (") + body.length() + " bytes)";
    }

    @Override
    public RequestHead request() {
        return access.request(HttpMethod.PUT, query, body.length(), headers);
    }


    @Override
    boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    @Override
    void accept(ResponseHead response) {
        etag = response.headers().get(HeaderNames.ETAG);
    }

    @Override
    void consume(ByteBuffer content) {
        // The body of a successful PUT carries nothing we need.
    }

    @Override
    void finish() {
    }
}
