package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

import java.util.Set;

/**
 * Finds an object's size: from HEAD, or, where HEAD is not allowed (a presigned URL is signed for
 * GET only), from the Content-Range of a one-byte GET.
 */
final class ObjectSize {
    /** Statuses of a HEAD that may still allow a GET. */
    private static final Set<Integer> HEAD_REFUSED = Set.of(400, 403, 405, 501);

    private ObjectSize() {
    }

    static long ask(ObjectAccess access, TaskRunner runner) {
        try (runner) {
            ControlCall call = new ControlCall(runner);
            SmallRequest head = new SmallRequest(access, call, "size", HttpMethod.HEAD, null, null, status -> status == 200);
            FerryException headFailure = call.run(head);
            if (headFailure == null) {
                long length = ContentRange.contentLength(head.response());
                if (length >= 0) {
                    return length;
                }
            } else if (!(headFailure instanceof HttpStatusException refused && HEAD_REFUSED.contains(refused.status()))) {
                throw headFailure;
            }
            // An empty object answers 416 with Content-Range "bytes */0".
            SmallRequest firstByte = new SmallRequest(access, call, "size", HttpMethod.GET, null, null,
                    status -> status == 206 || status == 200 || status == 416);
            firstByte.header(HttpHeaderNames.RANGE, "bytes=0-0");
            FerryException getFailure = call.run(firstByte);
            if (getFailure != null) {
                throw getFailure;
            }
            return sizeFrom(firstByte, access);
        }
    }

    private static long sizeFrom(SmallRequest firstByte, ObjectAccess access) {
        if (firstByte.response().status().code() == 200) {
            return ContentRange.contentLength(firstByte.response());
        }
        ContentRange range = ContentRange.parse(firstByte.response().headers().get(HttpHeaderNames.CONTENT_RANGE));
        if (range == null || range.total() < 0) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot learn the size of " + access.describe()
                    + ": HEAD gave no Content-Length and a ranged GET no total in its Content-Range; pass the size");
        }
        return range.total();
    }
}
