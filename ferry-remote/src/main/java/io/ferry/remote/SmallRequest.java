package io.ferry.remote;

import io.ferry.remote.http.BodySource;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;
import io.ferry.remote.http.ResponseHead;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A control request with a small body either way: finding an object's size, starting, completing
 * or aborting a multipart upload. The response head and body are kept for the owner.
 */
final class SmallRequest extends HttpTask {
    private static final int MAX_BODY = 1 << 20;

    private final HttpMethod method;
    private final String query;
    private final byte[] requestBody;
    private final IntPredicate success;
    private final String purpose;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ResponseHead response;
    private ByteArrayOutputStream content;

    SmallRequest(ObjectAccess access, TaskOwner owner, String purpose, HttpMethod method, String query, byte[] requestBody,
                 IntPredicate success) {
        super(access, owner);
        this.purpose = purpose;
        this.method = method;
        this.query = query;
        this.requestBody = requestBody;
        this.success = success;
    }

    /** Adds a header to every attempt's request (signed, where requests are signed). */
    void header(String name, String value) {
        headers.put(name, value);
    }

    ResponseHead response() {
        return response;
    }

    byte[] content() {
        return content.toByteArray();
    }

    @Override
    String describe() {
        return method + " " + access.describe() + " (" + purpose + ")";
    }

    @Override
    public RequestHead request() {
        return access.request(method, query, requestBody == null ? -1 : requestBody.length, headers);
    }

    @Override
    public BodySource body() {
        return requestBody == null ? null : new SegmentsBody(List.of(MemorySegment.ofArray(requestBody)));
    }

    @Override
    boolean isSuccess(int status) {
        return success.test(status);
    }

    @Override
    void accept(ResponseHead head) {
        response = head;
        content = new ByteArrayOutputStream();
    }

    @Override
    void consume(ByteBuffer bytes) {
        if (content.size() + bytes.remaining() > MAX_BODY) {
            throw new ProtocolViolation("the response to " + purpose + " is larger than " + MAX_BODY + " bytes");
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        content.writeBytes(copy);
    }

    @Override
    void finish() {
    }
}
