package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.BodySource;
import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;
import io.ferry.remote.http.ResponseHead;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * A ranged GET whose body lands directly at its place in the caller's memory: read there by the
 * socket for plain http into native memory, else copied once from the connection's buffer. A retry asks only for the bytes not yet received.
 *
 * <p>Each attempt is tied to the object's version: it asks for it (If-Match or
 * If-Unmodified-Since), and an answer that shows another version or another size, or a 412, fails
 * with {@link ObjectChangedException} before a byte of it lands.
 *
 * <p>A read may ask for more than its destination ({@link #readAheadTo}): it then takes its share of
 * the body and leaves the rest held on its connection for the read that starts where it ended,
 * which continues it without a request ({@link HeldResponses}).
 *
 * <p>A server that ignores the Range header answers with the whole object (200). That serves a read
 * whose request reaches the object's end (which every read of an object whose server showed no
 * ranges does on the multiplexed engine, {@link HeldResponses}): the bytes before the range are
 * dropped as they arrive (so a retry works there too); a request that ends before the object's end
 * fails.
 */
final class RangeRead extends HttpTask {
    final int descriptor;
    private final ReadPlan plan;
    private final RemoteObject object;
    private final MemorySegment destination;
    private final long objectOffset;
    private long received;
    /** The last object byte each request asks for: the destination's last, or further to read ahead. */
    private long requestLast;
    private long attemptFirst;
    /** Body bytes of the attempt, from {@code attemptFirst} on. */
    private long attemptReceived;
    /** Bytes of a whole-object answer still to drop before the range starts. */
    private long skip;

    RangeRead(RemoteObject object, ReadPlan owner, int descriptor, MemorySegment destination, long objectOffset) {
        super(object.access(), owner);
        this.plan = owner;
        this.object = object;
        this.descriptor = descriptor;
        this.destination = destination;
        this.objectOffset = objectOffset;
        this.requestLast = last();
    }

    private long last() {
        return objectOffset + destination.byteSize() - 1;
    }

    RemoteObject object() {
        return object;
    }

    /** Where the next attempt starts in the object: after the bytes received. */
    long next() {
        return objectOffset + received;
    }

    /** Where the destination ends in the object (exclusive): where a continuation starts. */
    long end() {
        return last() + 1;
    }

    /** Where the requests end in the object (exclusive). */
    long requestEnd() {
        return requestLast + 1;
    }

    /** Requests ask for the object's bytes up to {@code last}, past the destination, for a continuation to take. */
    void readAheadTo(long last) {
        requestLast = Math.max(last(), Math.min(last, object.size() - 1));
    }

    @Override
    String describe() {
        return "GET " + access.describe() + " (bytes " + (objectOffset + received) + "-" + last() + ")";
    }

    @Override
    public RequestHead request() {
        attemptFirst = objectOffset + received;
        attemptReceived = 0;
        skip = 0;
        RequestHead request = access.request(HttpMethod.GET, null, -1);
        request.headers().set(HeaderNames.RANGE, "bytes=" + attemptFirst + "-" + requestLast);
        object.version().addConditions(request.headers());
        return request;
    }

    @Override
    public BodySource body() {
        return null;
    }

    /** A read that reads ahead holds its connection for the next read: nothing may queue behind it. */
    @Override
    public boolean pipelinable() {
        return requestLast == last();
    }

    @Override
    boolean isSuccess(int status) {
        return status == 200 || status == 206;
    }

    @Override
    void accept(ResponseHead response) {
        String difference = object.settleVersion(ObjectVersion.of(response)).differenceIn(response);
        if (difference != null) {
            throw changed(difference);
        }
        if (response.status() == 206) {
            acceptRange(response);
        } else if (requestLast + 1 != object.size()) {
            throw new ProtocolViolation("the server ignored the Range header and sent the whole object (HTTP 200): "
                    + "it does not serve byte ranges, so only reads up to the object's end can be served");
        } else {
            checkSize(ContentRange.contentLength(response));
            skip = attemptFirst;
        }
    }

    private void acceptRange(ResponseHead response) {
        String header = response.headers().get(HeaderNames.CONTENT_RANGE);
        ContentRange range = ContentRange.parse(header);
        if (range == null || range.first() != attemptFirst || range.last() != requestLast) {
            throw new ProtocolViolation("the server sent Content-Range '" + header + "' for a request of bytes "
                    + attemptFirst + "-" + requestLast);
        }
        OptionalLong length = ContentRange.contentLength(response);
        if (length.isPresent() && length.getAsLong() != requestLast + 1 - attemptFirst) {
            throw new ProtocolViolation("the server sent Content-Length " + length.getAsLong() + " with Content-Range '"
                    + header + "'");
        }
        checkSize(range.total());
    }

    /** A size the server states (when it states one) must be the object's. */
    private void checkSize(OptionalLong stated) {
        if (stated.isPresent() && stated.getAsLong() != object.size()) {
            throw changed("its size is now " + stated.getAsLong() + " bytes, not " + object.size() + " as when it was opened");
        }
    }

    /** A 412 refuses the version asked for; a 416 that states another size shows another version. */
    @Override
    FerryException refused(ResponseHead head, String answer) {
        int status = head.status();
        if (status == 412) {
            return changed("the server no longer has the version that was opened (" + answer + ")");
        }
        OptionalLong total = ContentRange.unsatisfiedTotal(head);
        if (status == 416 && total.isPresent() && total.getAsLong() != object.size()) {
            return changed("its size is now " + total.getAsLong() + " bytes, not " + object.size() + " as when it was opened");
        }
        return super.refused(head, answer);
    }

    private ObjectChangedException changed(String difference) {
        return new ObjectChangedException(describe() + ": object changed during download: " + difference
                + "; open it again to read the new version");
    }

    /**
     * The destination's part of a body that reads ahead, after the bytes of a whole-object answer
     * that come before it (dropped as they arrive).
     */
    @Override
    long shareOf(long length) {
        return Math.min(length, skip + destination.byteSize() - received);
    }

    @Override
    void continuing() {
        attemptFirst = objectOffset + received;
        attemptReceived = 0;
        skip = 0;
    }

    /**
     * Bytes past the destination arrive only from a body that reads ahead but is not framed by a
     * length (chunked), so it could not be shared: they are dropped.
     */
    @Override
    void consume(ByteBuffer content) {
        if (skip > 0) {
            int dropped = (int) Math.min(skip, content.remaining());
            content.position(content.position() + dropped);
            skip -= dropped;
        }
        long count = content.remaining();
        if (attemptReceived + count > requestLast + 1 - attemptFirst) {
            throw new ProtocolViolation("the server sent more bytes than the range it was asked for");
        }
        attemptReceived += count;
        long landing = Math.min(count, destination.byteSize() - received);
        MemorySegment.copy(MemorySegment.ofBuffer(content), 0, destination, received, landing);
        arrived(landing);
    }

    /**
     * The rest of the destination takes the rest of the body from the connection: straight from the
     * socket for native memory over plain http. Not memory another thread confined: {@link #consume}
     * then reports why it cannot be written.
     */
    @Override
    MemorySegment bodyMemory(long length) {
        if (skip > 0 || length != destination.byteSize() - received || !destination.isAccessibleBy(Thread.currentThread())) {
            return null;
        }
        return destination.asSlice(received, length);
    }

    @Override
    void consumedDirectly(long count) {
        arrived(count);
    }

    /** Counted as they land, so that progress moves with the bytes, not once per request. */
    private void arrived(long count) {
        received += count;
        plan.moved(count);
    }

    @Override
    void finish() {
        if (received < destination.byteSize()) {
            throw new FerryException(ErrorCode.IO_ERROR, "the response ended after " + (received - (attemptFirst - objectOffset))
                    + " of " + (last() + 1 - attemptFirst) + " bytes");
        }
    }
}
