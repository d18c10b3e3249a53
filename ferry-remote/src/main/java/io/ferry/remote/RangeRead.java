package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.BodySource;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A ranged GET whose body lands directly at its place in the caller's memory (one copy, from the
 * socket buffer). A retry asks only for the bytes not yet received.
 */
final class RangeRead extends HttpTask {
    final int descriptor;
    private final MemorySegment destination;
    private final long objectOffset;
    private long received;
    private long attemptFirst;

    RangeRead(ObjectAccess access, TaskOwner owner, int descriptor, MemorySegment destination, long objectOffset) {
        super(access, owner);
        this.descriptor = descriptor;
        this.destination = destination;
        this.objectOffset = objectOffset;
    }

    long length() {
        return destination.byteSize();
    }

    private long last() {
        return objectOffset + destination.byteSize() - 1;
    }

    @Override
    String describe() {
        return "GET " + access.describe() + " (bytes " + (objectOffset + received) + "-" + last() + ")";
    }

    @Override
    public HttpRequest request() {
        attemptFirst = objectOffset + received;
        HttpRequest request = access.request(HttpMethod.GET, null, -1);
        request.headers().set(HttpHeaderNames.RANGE, "bytes=" + attemptFirst + "-" + last());
        return request;
    }

    @Override
    public BodySource body() {
        return null;
    }

    @Override
    public boolean pipelinable() {
        return true;
    }

    @Override
    boolean isSuccess(int status) {
        return status == 200 || status == 206;
    }

    @Override
    void accept(HttpResponse response) {
        if (response.status().code() == 206) {
            ContentRange range = ContentRange.parse(response.headers().get(HttpHeaderNames.CONTENT_RANGE));
            if (range == null || range.first() != attemptFirst || range.last() != last()) {
                throw new ProtocolViolation("the server sent Content-Range '" + response.headers().get(HttpHeaderNames.CONTENT_RANGE)
                        + "' for a request of bytes " + attemptFirst + "-" + last());
            }
        } else if (attemptFirst != 0 || ContentRange.contentLength(response) != last() + 1) {
            throw new ProtocolViolation("the server ignored the Range header and sent the whole object (HTTP 200)");
        }
    }

    @Override
    void consume(ByteBuf content) {
        int count = content.readableBytes();
        if (received + count > destination.byteSize()) {
            throw new ProtocolViolation("the server sent more bytes than the range it was asked for");
        }
        MemorySegment.copy(MemorySegment.ofBuffer(content.nioBuffer()), 0, destination, received, count);
        received += count;
    }

    /** Native memory takes the rest of the body straight from the socket, without a copy. */
    @Override
    ByteBuffer bodyMemory(long length) {
        if (length != destination.byteSize() - received || !destination.isNative()
                || !destination.isAccessibleBy(Thread.currentThread())) {
            return null;
        }
        return destination.asSlice(received, length).asByteBuffer();
    }

    @Override
    void consumedDirectly(int count) {
        received += count;
    }

    @Override
    void finish() {
        if (received < destination.byteSize()) {
            throw new FerryException(ErrorCode.IO_ERROR, "the response ended after " + (received - (attemptFirst - objectOffset))
                    + " of " + (last() + 1 - attemptFirst) + " bytes");
        }
    }
}
