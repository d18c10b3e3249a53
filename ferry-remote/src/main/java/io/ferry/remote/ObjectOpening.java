package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.HttpUrls;

import java.util.Set;

/**
 * Opening an object for reading, in steps on the engine's connections ({@link ObjectSize} says
 * what each answer gives): HEAD; a GET of the first byte where HEAD is refused or gives no size;
 * and both again at each redirect, at most {@link #MAX_REDIRECTS}. Redirects are followed at open
 * only, so that reads go straight to where the object is; S3 requests are signed for their host,
 * so an S3 redirect is reported, not followed.
 */
final class ObjectOpening extends ControlSteps<RemoteObject> {
    /** Redirects an open follows at most: a longer chain is a loop in practice (curl stops at 50, browsers at about 20). */
    static final int MAX_REDIRECTS = 10;

    private final RemoteBackend backend;
    private final String location;
    private final Set<RemoteOpenOption> options;
    private ObjectAccess access;
    private SmallRequest head;
    private String headAnswer;
    private int redirects;

    ObjectOpening(RemoteBackend backend, String location, ObjectAccess access, Set<RemoteOpenOption> options) {
        this.backend = backend;
        this.location = location;
        this.options = options;
        askHead(access);
    }

    private void askHead(ObjectAccess at) {
        access = at;
        head = new SmallRequest(at, this, "size", HttpMethod.HEAD, null, null, status -> status == 200);
        then(head);
    }

    @Override
    void stepDone(HttpTask step) {
        if (step == head) {
            ObjectSize size = ObjectSize.ofHead(head.response(), access instanceof S3Access);
            if (size != null) {
                opened(size);
            } else {
                askFirstByte(ObjectSize.headWithoutSize(head.response()));
            }
        } else {
            opened(ObjectSize.ofFirstByte(((FirstByteRead) step).head(), access, headAnswer));
        }
    }

    @Override
    void stepFailed(HttpTask step, FerryException cause) {
        if (step == head && ObjectSize.headRefused(cause)) {
            askFirstByte("HEAD was refused (HTTP " + ((HttpStatusException) cause).status() + ")");
        } else if (step instanceof FirstByteRead firstByte && firstByte.head() != null) {
            // The answer had a status of success but broke off (a server that ignored the range).
            opened(ObjectSize.ofFirstByte(firstByte.head(), access, headAnswer));
        } else if (cause instanceof HttpStatusException refused && refused.redirect() != null && access instanceof HttpAccess http) {
            if (redirects == MAX_REDIRECTS) {
                throw new FerryException(ErrorCode.IO_ERROR, HttpUrls.shown(location) + ": more than " + MAX_REDIRECTS
                        + " redirects");
            }
            redirects++;
            askHead(http.redirectedTo(refused.redirect()));
        } else {
            fail(cause);
        }
    }

    private void askFirstByte(String whatHeadSaid) {
        headAnswer = whatHeadSaid;
        then(new FirstByteRead(access, this));
    }

    private void opened(ObjectSize size) {
        // S3 serves ranges by its API, whether or not a HEAD says so.
        boolean ranges = size.ranges() || access instanceof S3Access;
        succeed(new RemoteObject(backend, access, size.bytes(), size.version(), false, options, ranges,
                ObjectMetadata.NONE, null));
    }
}
