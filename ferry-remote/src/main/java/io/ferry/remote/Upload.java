package io.ferry.remote;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

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
    public HttpRequest request() {
        return access.request(HttpMethod.PUT, query, body.length(), headers);
    }


    @Override
    boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    @Override
    void accept(HttpResponse response) {
        etag = response.headers().get(HttpHeaderNames.ETAG);
    }

    @Override
    void consume(ByteBuf content) {
        // The body of a successful PUT carries nothing we need.
    }

    @Override
    void finish() {
    }
}
