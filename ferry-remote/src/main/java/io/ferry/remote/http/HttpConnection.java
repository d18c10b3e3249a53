package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.Connection;
import io.ferry.net.ConnectionHandler;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.NetLoop;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One keep-alive HTTP/1.1 exchange stream over a ferry-net {@link Connection}: requests go out
 * through a {@link RequestWriter}, response heads are parsed here as they arrive, and their bodies
 * go to the exchange through a {@link ResponseBody}.
 * At most two exchanges at a time: the current one and, with {@link #canPipeline()}, one pipelined
 * behind it. The server's silence is timed with one timer of the loop ({@link SilenceTimer}); what
 * the exchanges hear when the connection fails under them is worded by {@link ConnectionFailures}.
 *
 * <p>An exchange may take only a share of a body ({@link Exchange#bodyShare}): the connection then
 * holds the rest, reading nothing more, until {@link #continueWith} gives it to the next exchange;
 * a connection held for the whole timeout is closed.
 *
 * <p>Through an HTTP proxy: plain http requests go to the proxy with their target in absolute form;
 * an https origin is reached through a tunnel, {@code CONNECT} to the origin and then TLS with the
 * origin over it ({@link Connection#startTls}), before the first request goes out.
 *
 * <p>Threads: the thread of its {@link NetLoop}, like every callback.
 */
public final class HttpConnection implements ConnectionHandler {
    /** Room for the largest head and a good share of a body's first bytes. */
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private enum State { CONNECTING, IDLE, BUSY, HELD, CLOSED }

    private final Endpoint endpoint;
    private final String server;
    private final ConnectionFailures failures;
    private final Tls tls;
    private final SilenceTimer silence;
    private final RequestWriter writer = new RequestWriter();
    private final ResponseBody body;
    private Connection connection;
    private State state = State.CONNECTING;
    private boolean connected;
    private Exchange exchange;
    private boolean headRequest;
    private Exchange queued;
    private boolean queuedHeadRequest;
    private ResponseHead head;
    private boolean keepAlive;
    private int exchanges;
    /** What this side closed the connection for, to tell it from what the network did. */
    private FerryException failure;
    /**
     * The current exchange went out on this connection after others were answered on it, and no
     * byte was read since it became current: its answer has not begun.
     */
    private boolean awaitingFirstByteOnReuse;
    /** The tunnel to an https origin through a proxy, or null; the first request waits until TLS through it is up. */
    private ProxyTunnel tunnel;
    private boolean requestDeferred;

    private HttpConnection(Endpoint endpoint, Tls tls, NetLoop loop, long timeoutNs) {
        this.endpoint = endpoint;
        this.tls = tls;
        this.server = endpoint.origin().toString();
        this.failures = new ConnectionFailures(server, endpoint.proxy());
        this.silence = new SilenceTimer(loop, timeoutNs, this::checkSilence);
        this.body = new ResponseBody(server);
    }

    /**
     * Starts connecting to {@code endpoint} on {@code loop}; an exchange may be sent at once and
     * waits for the connection. An exchange fails with {@link ErrorCode#TIMED_OUT} when the server
     * is silent for {@code timeoutNs}.
     *
     * @param tls for an https endpoint
     */
    public static HttpConnection open(Endpoint endpoint, Tls tls, NetLoop loop, long timeoutNs) {
        Origin origin = endpoint.origin();
        ConnectionOptions options = origin.tls() && !endpoint.tunnelsThroughProxy()
                ? ConnectionOptions.tlsClient(tls.config(), origin.bareHost()) : ConnectionOptions.PLAIN;
        HttpConnection http = new HttpConnection(endpoint, tls, loop, timeoutNs);
        try {
            http.connection = loop.connect(endpoint.address(), http, options.withReceiveBufferSize(RECEIVE_BUFFER));
        } catch (FerryException e) {
            http.writer.release();
            throw http.failures.cannotConnect(e);
        }
        http.writer.attach(http.connection, endpoint);
        http.silence.heard();
        if (endpoint.tunnelsThroughProxy()) {
            http.tunnel = new ProxyTunnel(endpoint);
            http.writer.begin(http.tunnel.request(), null);
        }
        return http;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** True when an exchange can be sent now. */
    public boolean isIdle() {
        return state == State.IDLE;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** True while the rest of a body waits for {@link #continueWith}. */
    public boolean isHeld() {
        return state == State.HELD;
    }

    /** When the connection began to hold a body, on the loop's clock; meaningful while {@link #isHeld()}. */
    public long heldSinceNs() {
        return silence.heldSinceNs();
    }

    /**
     * Gives the rest of a held body to {@code next}, which takes its share of it as an exchange
     * whose head already arrived: no request goes out. Reading resumes.
     *
     * @throws IllegalStateException when the connection holds no body
     */
    public void continueWith(Exchange next) {
        if (state != State.HELD) {
            throw new IllegalStateException("connection to " + server + " is " + state + ", not holding a body");
        }
        state = State.BUSY;
        exchange = next;
        // A server may have closed the connection while it held the body: ended before a byte, it is stale.
        awaitingFirstByteOnReuse = true;
        silence.awaitServer();
        connection.resumeReceiving();
        body.continueWith(next);
        body.receiveDirect(connection);
    }

    /** Exchanges completed on this connection; more than 0 means the server kept it alive. */
    public int completedExchanges() {
        return exchanges;
    }

    /**
     * Sends an exchange. Allowed while connecting (it goes out once connected), idle, or when
     * {@link #canPipeline()} and the exchange is pipelinable. Its request is a head only: the
     * connection writes the body.
     */
    public void send(Exchange next) {
        if (state == State.BUSY && canPipeline() && next.pipelinable()) {
            queued = next;
            RequestHead request = next.request();
            queuedHeadRequest = request.method() == HttpMethod.HEAD;
            writer.begin(request, null);
            return;
        }
        if (exchange != null || (state != State.IDLE && state != State.CONNECTING)) {
            throw new IllegalStateException("connection to " + server + " is " + state);
        }
        awaitingFirstByteOnReuse = state == State.IDLE && exchanges > 0;
        state = State.BUSY;
        exchange = next;
        head = null;
        RequestHead request = next.request();
        headRequest = request.method() == HttpMethod.HEAD;
        silence.awaitServer();
        if (tunnel != null && !connected) {
            requestDeferred = true;
        } else {
            writer.begin(request, next.body());
        }
    }

    /**
     * True when one more pipelinable exchange may be sent now behind the one in progress (HTTP/1.1
     * pipelining): that one is pipelinable too, its request went out whole, its response head
     * arrived and keeps the connection alive, and nothing is queued yet. The server then has the
     * next request at hand when a response ends, instead of a round trip later.
     */
    public boolean canPipeline() {
        return state == State.BUSY && queued == null && exchange != null && exchange.pipelinable() && head != null
                && keepAlive && writer.isComplete() && !body.isShared();
    }

    /**
     * The timer: fails the exchange when the server was silent for the whole timeout, else looks
     * again when it could be; closes a connection that held a body that long.
     */
    private void checkSilence() {
        if (state == State.HELD) {
            if (silence.heldTooLong()) {
                close();
            }
            return;
        }
        if (exchange == null || state == State.CLOSED) {
            return;
        }
        if (silence.silentTooLong()) {
            fail(failures.timedOut(silence.timeoutNs(), connected));
        }
    }

    @Override
    public void onConnected(Connection opened) {
        silence.heard();
        if (tunnel != null && !tunnel.isAnswered()) {
            return; // connected to the proxy: CONNECT goes out now
        }
        connected = true;
        if (state == State.CONNECTING) {
            state = State.IDLE;
        }
        if (requestDeferred && exchange != null) {
            requestDeferred = false;
            writer.begin(exchange.request(), exchange.body());
        }
    }

    @Override
    public void onSent(Connection sender, long token) {
        writer.sent(token);
    }

    @Override
    public void onReceive(Connection receiver, ByteBuffer received) {
        silence.heard();
        awaitingFirstByteOnReuse = false;
        try {
            if (tunnel != null && !tunnel.isAnswered()) {
                tunnel.read(received, connection, tls);
                return;
            }
            while (received.hasRemaining() && state != State.CLOSED && state != State.HELD && !body.isDirect()) {
                if (exchange == null) {
                    throw new FerryException(ErrorCode.IO_ERROR, server + " sent a response nobody asked for");
                }
                if (head == null) {
                    if (!startResponse(received)) {
                        return;
                    }
                } else if (body.read(received)) {
                    endExchange();
                } else {
                    return;
                }
            }
        } catch (FerryException e) {
            fail(e);
        }
    }

    /** Reads a response head; false when it has not arrived whole. */
    private boolean startResponse(ByteBuffer received) {
        ResponseHead response = HeadParser.parse(received, server);
        if (response == null) {
            return false;
        }
        if (response.status() / 100 == 1) {
            return true; // an interim answer (100 Continue): the real one follows
        }
        BodyFraming framing = BodyFraming.of(response, headRequest, server);
        head = response;
        keepAlive = response.keepAlive() && framing.kind() != BodyFraming.Kind.UNTIL_CLOSE;
        body.start(framing, exchange);
        exchange.onResponse(response);
        if (state == State.CLOSED) {
            return false;
        }
        body.share();
        if (framing.kind() == BodyFraming.Kind.NONE) {
            endExchange();
        } else if (framing.kind() == BodyFraming.Kind.LENGTH) {
            body.receiveDirect(connection);
        }
        return true;
    }

    @Override
    public void onReceivedInto(Connection receiver, MemorySegment target) {
        silence.heard();
        awaitingFirstByteOnReuse = false;
        try {
            if (body.sliceReceived(connection)) {
                endExchange();
            }
        } catch (FerryException e) {
            fail(e);
        }
    }

    private void endExchange() {
        Exchange done = exchange;
        body.ended();
        if (body.hasMore()) {
            hold();
            done.onEnd();
            return;
        }
        boolean reusable = keepAlive && (queued != null || writer.isComplete());
        exchange = queued;
        headRequest = queuedHeadRequest;
        queued = null;
        head = null;
        exchanges++;
        awaitingFirstByteOnReuse = exchange != null;
        if (!reusable) {
            close();
        } else if (exchange == null) {
            state = State.IDLE;
            silence.cancel();
        }
        done.onEnd();
    }

    /** The exchange's share of the body ended: the rest waits in the socket, unread, for {@link #continueWith}. */
    private void hold() {
        exchange = null;
        state = State.HELD;
        silence.hold();
        connection.pauseReceiving();
    }

    /** Closes the connection for {@code cause}, which the exchanges in progress hear. */
    private void fail(FerryException cause) {
        failure = cause;
        connection.close(cause);
    }

    /** Closes the connection; an exchange in progress fails. Closing twice does nothing. */
    public void close() {
        if (state != State.CLOSED) {
            connection.close();
        }
    }

    @Override
    public void onClosed(Connection closed, FerryException cause) {
        state = State.CLOSED;
        silence.cancel();
        writer.release();
        if (body.closed(closed, exchange)) {
            awaitingFirstByteOnReuse = false;
        }
        Exchange failed = exchange;
        Exchange waiting = queued;
        exchange = null;
        queued = null;
        if (failed == null) {
            return;
        }
        if (cause != null && cause != failure && cause.errorCode() == ErrorCode.CLOSED && head != null
                && body.kind() == BodyFraming.Kind.UNTIL_CLOSE) {
            exchanges++;
            failed.onEnd(); // the end of the connection is the end of this body
            return;
        }
        FerryException reason = reason(cause);
        failed.onFailure(reason);
        if (waiting != null) {
            waiting.onFailure(failures.closedUnder(reason));
        }
    }

    /** What the exchange in progress hears when the connection ended for {@code cause}. */
    private FerryException reason(FerryException cause) {
        if (cause != null && cause == failure) {
            return cause;
        }
        return failures.ended(cause, connected, awaitingFirstByteOnReuse);
    }

    @Override
    public String toString() {
        return "HttpConnection[" + server + ", " + state + ", " + exchanges + " exchanges]";
    }
}
