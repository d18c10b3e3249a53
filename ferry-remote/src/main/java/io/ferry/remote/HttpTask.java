package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.NetLoop;
import io.ferry.net.Timer;
import io.ferry.remote.http.Endpoint;
import io.ferry.remote.http.ProxyRefusedException;
import io.ferry.remote.http.Exchange;
import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.ResponseHead;
import io.ferry.remote.http.StaleConnectionException;

import javax.net.ssl.SSLHandshakeException;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * One request the backend needs, attempted until it succeeds or its engine gives up: a ranged
 * read, an upload, or a small control request. Subclasses accept a successful response; this
 * class turns other statuses into failures carrying the server's message.
 */
abstract class HttpTask implements Exchange {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    final ObjectAccess access;
    private final TaskOwner owner;
    private TaskEvents events;
    private HttpConnection connection;
    /** The connection that holds the rest of the body after this task's share, from its end to the next attempt. */
    private HttpConnection held;
    private int attempts;
    /** Made at the first retry of a multiplexed engine, on its loop, and scheduled again for later ones. */
    private Timer backOff;
    private ResponseHead errorHead;
    private ByteArrayOutputStream errorBody;
    private HttpStatusException lastAnswer;
    private boolean staleConnection;
    private boolean resentOnNewConnection;
    private boolean needsNewConnection;

    HttpTask(ObjectAccess access, TaskOwner owner) {
        this.access = access;
        this.owner = owner;
    }

    Endpoint endpoint() {
        return access.endpoint();
    }

    TaskOwner owner() {
        return owner;
    }

    int attempts() {
        return attempts;
    }

    /** Hands the task to {@code due} on {@code loop}'s thread once {@code delayNs} passed. */
    void retryAfter(NetLoop loop, long delayNs, Consumer<HttpTask> due) {
        if (backOff == null) {
            backOff = loop.timer(() -> due.accept(this));
        }
        backOff.scheduleAfter(delayNs);
    }

    /** The last error status the server answered this task with, or null. */
    HttpStatusException lastAnswer() {
        return lastAnswer;
    }

    /** True when the next attempt must go out on a new connection, not a kept-alive one. */
    boolean needsNewConnection() {
        return needsNewConnection;
    }

    /**
     * True, once per task, when the attempt that just failed did so only because its kept-alive
     * connection had gone stale ({@link StaleConnectionException}): that attempt then does not count,
     * and the next one goes out on a new connection. A second such failure counts as usual.
     */
    boolean resendOnNewConnection() {
        if (!staleConnection || resentOnNewConnection) {
            return false;
        }
        resentOnNewConnection = true;
        needsNewConnection = true;
        attempts--;
        return true;
    }

    /**
     * The engine starts an attempt on {@code connection}; the task reports its outcome to
     * {@code events}.
     */
    final void begin(TaskEvents events, HttpConnection connection) {
        this.events = events;
        this.connection = connection;
        held = null;
        attempts++;
        errorHead = null;
        errorBody = null;
        staleConnection = false;
        needsNewConnection = false;
    }

    /**
     * Starts an attempt that continues the body {@code connection} holds instead of sending a request
     * (see {@link HttpConnection#continueWith}).
     */
    final void continueOn(TaskEvents events, HttpConnection connection) {
        begin(events, connection);
        continuing();
        connection.continueWith(this);
    }

    /** An attempt starts as the continuation of a held body, without {@link #request()}. */
    void continuing() {
        throw new IllegalStateException(describe() + " cannot continue a body");
    }

    /** The connection that holds the rest of the body after this task's successful share, or null. */
    HttpConnection heldConnection() {
        return held;
    }

    /**
     * Ends the attempt in flight when the transfer was cancelled: its connection is closed, so a
     * stalled server cannot hold a cancelled transfer until the timeout.
     */
    final void abortIfCancelled() {
        if (connection != null && owner.isCancelled()) {
            connection.close();
        }
    }

    /** The request line for messages, such as {@code GET http://host/x (bytes 0-99)}. */
    abstract String describe();

    /** The status this task expects on success. */
    abstract boolean isSuccess(int status);

    /** A successful response head arrived; throw {@link ProtocolViolation} when it contradicts the request. */
    abstract void accept(ResponseHead response);

    /** Body bytes of a successful response: from {@code content}'s position to its limit, valid during the call. */
    abstract void consume(ByteBuffer content);

    /** A successful response ended; throw when bytes are missing (a retry resumes where it stopped). */
    abstract void finish();

    /**
     * The failure an error response stands for; {@code answer} is its status and the server's
     * message. An {@link HttpStatusException} is retried when its status is; any other failure is final.
     */
    FerryException refused(ResponseHead head, String answer) {
        int status = head.status();
        boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        return new HttpStatusException(status, describe() + ": " + answer,
                redirect ? head.headers().get(HeaderNames.LOCATION) : null);
    }

    @Override
    public final void onResponse(ResponseHead response) {
        if (isSuccess(response.status())) {
            accept(response);
        } else {
            errorHead = response;
            errorBody = new ByteArrayOutputStream();
        }
    }

    @Override
    public final void onContent(ByteBuffer content) {
        if (errorBody == null) {
            try {
                consume(content);
            } catch (WrongThreadException e) {
                throw new ProtocolViolation("the memory of the transfer is confined to the thread that allocated it, "
                        + "and the engine's threads cannot write it; allocate it from a shared or global arena");
            }
        } else if (errorBody.size() < MAX_ERROR_BODY) {
            byte[] bytes = new byte[Math.min(content.remaining(), MAX_ERROR_BODY - errorBody.size())];
            content.get(content.position(), bytes);
            errorBody.writeBytes(bytes);
        }
    }

    /** An error body goes whole to the task, a successful one as {@link #shareOf} says. */
    @Override
    public final long bodyShare(long length) {
        return errorBody == null ? shareOf(length) : length;
    }

    /** How much of a successful body of {@code length} bytes the task takes; see {@link io.ferry.remote.http.Exchange#bodyShare}. */
    long shareOf(long length) {
        return length;
    }

    @Override
    public final MemorySegment directBody(long length) {
        return errorBody == null ? bodyMemory(length) : null;
    }

    @Override
    public final void onDirectContent(long count) {
        consumedDirectly(count);
    }

    /** Whether the task may be pipelined behind another on one connection; see {@link Exchange#pipelinable()}. */
    @Override
    public boolean pipelinable() {
        return false;
    }

    /** Memory of exactly {@code length} bytes the rest of a successful body may be read into directly, or null. */
    MemorySegment bodyMemory(long length) {
        return null;
    }

    /** {@code count} body bytes landed in the memory of {@link #bodyMemory}. */
    void consumedDirectly(long count) {
        throw new IllegalStateException("no body memory was offered");
    }

    @Override
    public final void onEnd() {
        held = connection != null && connection.isHeld() ? connection : null;
        connection = null;
        if (errorBody != null) {
            int status = errorHead.status();
            FerryException failure = refused(errorHead,
                    access.describeError(status, errorHead.reason(), errorBody.toByteArray()));
            if (failure instanceof HttpStatusException answer) {
                lastAnswer = answer;
            }
            events.attemptFailed(this, failure, failure instanceof HttpStatusException ? status : -1);
            return;
        }
        try {
            finish();
        } catch (FerryException e) {
            if (held != null) {
                held.close();
                held = null;
            }
            onFailure(e);
            return;
        }
        events.succeeded(this);
    }

    @Override
    public final void onFailure(FerryException cause) {
        connection = null;
        staleConnection = cause instanceof StaleConnectionException;
        SSLHandshakeException handshake = TlsFailure.in(cause);
        String reason = handshake != null ? TlsFailure.describe(handshake) : cause.getMessage();
        FerryException described = reason.startsWith(describe()) ? cause
                : new FerryException(cause.errorCode(), describe() + ": " + reason, cause);
        int status = isFinal(cause) ? -1 : cause instanceof ProxyRefusedException refused ? refused.status() : 0;
        events.attemptFailed(this, described, status);
    }

    /**
     * A contradiction, a changed object or an untrusted certificate: retrying would not help, a
     * server whose certificate is not trusted stays untrusted.
     */
    private static boolean isFinal(FerryException cause) {
        return cause instanceof ProtocolViolation || cause instanceof ObjectChangedException || TlsFailure.in(cause) != null;
    }

    /** The server answered in a way that contradicts the request; retrying would not help. */
    static final class ProtocolViolation extends FerryException {
        ProtocolViolation(String message) {
            super(ErrorCode.IO_ERROR, message);
        }
    }

    /** How an attempt ended, reported to the engine that runs the task. */
    interface TaskEvents {
        void succeeded(HttpTask task);

        /**
         * The attempt failed. {@code status} is the HTTP status of an error response, 0 for a
         * transport failure (reset, timeout, early close) and -1 for a failure no retry can mend.
         */
        void attemptFailed(HttpTask task, FerryException cause, int status);
    }

    /** Whoever needs the task: told once, when it finally succeeded or failed. */
    interface TaskOwner {
        /**
         * True when the task must stop because its transfer was cancelled: its connection is closed
         * at once and its failures are final.
         */
        boolean isCancelled();

        void taskDone(HttpTask task);

        void taskFailed(HttpTask task, FerryException cause);
    }
}
