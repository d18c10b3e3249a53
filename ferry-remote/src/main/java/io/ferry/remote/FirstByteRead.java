package io.ferry.remote;

import io.ferry.remote.http.BodySource;
import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;
import io.ferry.remote.http.ResponseHead;

import java.nio.ByteBuffer;

/**
 * A GET of an object's first byte, for what its answer's head says (the size, the version), where
 * HEAD is refused. A server that ignores the range answers 200 with the whole object: its head is
 * kept and its body is not read; the attempt then ends with a {@link ProtocolViolation} that
 * closes the connection.
 */
final class FirstByteRead extends HttpTask {
    private static final int MAX_BODY = 64 * 1024;

    private ResponseHead head;
    private long bodyBytes;

    FirstByteRead(ObjectAccess access, TaskOwner owner) {
        super(access, owner);
    }

    /** The head of the last answer with a status of success, or null. */
    ResponseHead head() {
        return head;
    }

    @Override
    String describe() {
        return "GET " + access.describe() + " (size, bytes 0-0)";
    }

    @Override
    public RequestHead request() {
        head = null;
        bodyBytes = 0;
        RequestHead request = access.request(HttpMethod.GET, null, -1);
        request.headers().set(HeaderNames.RANGE, "bytes=0-0");
        return request;
    }

    @Override
    public BodySource body() {
        return null;
    }

    /** 206 for the byte, 416 for an empty object, 200 for the whole object. */
    @Override
    boolean isSuccess(int status) {
        return status == 206 || status == 416 || status == 200;
    }

    @Override
    void accept(ResponseHead response) {
        head = response;
        if (response.status() == 200) {
            throw new ProtocolViolation("the server ignored the Range header and sent the whole object; its body is not read");
        }
    }

    @Override
    void consume(ByteBuffer content) {
        bodyBytes += content.remaining();
        if (bodyBytes > MAX_BODY) {
            throw new ProtocolViolation("the server sent more than " + MAX_BODY + " bytes for the first byte of the object");
        }
    }

    @Override
    void finish() {
    }
}
