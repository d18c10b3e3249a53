package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive HTTP/1.1 connection. Ferry owns the non-blocking socket; Netty's request encoder,
 * response decoder (and TLS handler for https) run in an {@link EmbeddedChannel} fed with the bytes read, so the
 * connection can be driven by whichever thread polls its {@link Reactor}. One exchange at a time.
 *
 * <p>Memory stays bounded: the socket is read in pieces of {@value #READ_SIZE} bytes into one
 * reused buffer, each piece handed to the exchange before the next read; requests go out through
 * a {@link RequestWriter}.
 */
public final class HttpConnection {
    private static final int READ_SIZE = 256 * 1024;
    private static final int HEAD_READ_SIZE = 8 * 1024;
    private static final int MAX_READS_PER_POLL = 16;

    private enum State { CONNECTING, IDLE, BUSY, CLOSED }

    private final Endpoint endpoint;
    private final Tls tls;
    private final SocketChannel socket;
    private final SelectionKey key;
    private final RequestWriter writer = new RequestWriter();
    // Body pieces as large as a socket read: the default 8 KiB would pass each read through the pipeline 32 times.
    private final ResponseDecoder decoder = new ResponseDecoder(new HttpDecoderConfig().setMaxChunkSize(READ_SIZE));
    private EmbeddedChannel pipeline;
    private ByteBuf readBuffer;
    private ByteBuffer directBody;
    private long bodyLeft;
    private boolean headReceived;
    private State state = State.CONNECTING;
    private Exchange exchange;
    private Exchange queued;
    private boolean keepAlive;
    private long lastActivityNs;
    private int exchanges;
    /**
     * The current exchange went out on this connection after others were answered on it, and no
     * byte was read since it became current: its answer has not begun.
     */
    private boolean awaitingFirstByteOnReuse;

    private HttpConnection(Endpoint endpoint, Tls tls, SocketChannel socket, Reactor reactor) throws IOException {
        this.endpoint = endpoint;
        this.tls = tls;
        this.socket = socket;
        this.key = socket.register(reactor.selector(), SelectionKey.OP_CONNECT, this);
        this.lastActivityNs = System.nanoTime();
    }

    /** Starts connecting to {@code endpoint}; an exchange may be sent at once and waits for the connection. */
    public static HttpConnection open(Endpoint endpoint, Tls tls, Reactor reactor) {
        SocketChannel socket = null;
        try {
            socket = SocketChannel.open();
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            HttpConnection connection = new HttpConnection(endpoint, tls, socket, reactor);
            if (socket.connect(endpoint.address())) {
                connection.onConnected();
            }
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new FerryException(ErrorCode.IO_ERROR, "cannot connect to " + endpoint.origin() + ": " + e.getMessage(), e);
        }
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

    /** Exchanges completed on this connection; more than 0 means the server kept it alive. */
    public int completedExchanges() {
        return exchanges;
    }

    /**
     * Sends an exchange. Allowed while connecting (it goes out once connected), idle, or when
     * {@link #canPipeline()} and the exchange is pipelinable. Its request is a head only (not a
     * full request): the connection writes the body and its end.
     */
    public void send(Exchange next) {
        if (state == State.BUSY && canPipeline() && next.pipelinable()) {
            queued = next;
            writer.begin(next.request(), null);
            flush();
            return;
        }
        if (exchange != null || (state != State.IDLE && state != State.CONNECTING)) {
            throw new IllegalStateException("connection to " + endpoint.origin() + " is " + state);
        }
        exchange = next;
        headReceived = false;
        lastActivityNs = System.nanoTime();
        awaitingFirstByteOnReuse = state == State.IDLE && exchanges > 0;
        if (state == State.IDLE) {
            state = State.BUSY;
            writeRequest();
        }
    }

    /**
     * True when one more pipelinable exchange may be sent now behind the one in progress (HTTP/1.1
     * pipelining): that one is pipelinable too, its request went out whole, its response head
     * arrived and keeps the connection alive, and nothing is queued yet. The server then has the
     * next request at hand when a response ends, instead of a round trip later.
     */
    public boolean canPipeline() {
        return state == State.BUSY && queued == null && exchange != null && exchange.pipelinable() && headReceived
                && keepAlive && writer.isComplete();
    }
    /** Fails the exchange with {@link ErrorCode#TIMED_OUT} when the server was silent for longer than {@code timeoutNs}. */
    public void checkTimeout(long nowNs, long timeoutNs) {
        if (exchange != null && nowNs - lastActivityNs > timeoutNs) {
            String what = state == State.CONNECTING ? "connecting to " + endpoint.origin()
                    : "waiting for " + endpoint.origin() + " (no bytes received)";
            fail(new FerryException(ErrorCode.TIMED_OUT, "timed out after " + (timeoutNs / 1_000_000) + " ms " + what));
        }
    }

    void onReady(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                socket.finishConnect();
                onConnected();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && state != State.CLOSED) {
                flush();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && state != State.CLOSED) {
                read();
            }
        } catch (IOException e) {
            fail(lost(new FerryException(ErrorCode.IO_ERROR, describe(e), e)));
        } catch (FerryException e) {
            fail(e);
        }
    }

    /**
     * The server closed or reset the connection. When it had served other exchanges and no byte of
     * the current one's answer came back, the failure says the connection was stale.
     */
    private FerryException lost(FerryException failure) {
        return awaitingFirstByteOnReuse ? new StaleConnectionException(failure) : failure;
    }

    private String describe(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return (state == State.CONNECTING ? "cannot connect to " : "connection to ") + endpoint.origin() + ": " + message;
    }

    private void onConnected() {
        pipeline = tls == null || !endpoint.origin().tls()
                ? new EmbeddedChannel(decoder, new HttpRequestEncoder(), new ResponseHandler())
                : new EmbeddedChannel(tls.newHandler(endpoint.origin()), decoder, new HttpRequestEncoder(), new ResponseHandler());
        writer.attach(pipeline);
        key.interestOps(SelectionKey.OP_READ);
        lastActivityNs = System.nanoTime();
        if (exchange != null) {
            state = State.BUSY;
            writeRequest();
        } else {
            state = State.IDLE;
            flush();
        }
    }

    private void writeRequest() {
        HttpRequest request = exchange.request();
        decoder.expectResponseTo(request.method());
        writer.begin(request, exchange.body());
        flush();
    }

    /** Writes what waits for the socket and asks to hear when it can take more. */
    private void flush() {
        try {
            boolean done = writer.flush(socket);
            key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            fail(lost(new FerryException(ErrorCode.IO_ERROR, describe(e), e)));
        }
    }

    private void read() throws IOException {
        for (int i = 0; i < MAX_READS_PER_POLL && state != State.CLOSED; i++) {
            if (directBody != null) {
                if (!readDirectly()) {
                    return;
                }
                continue;
            }
            ByteBuf bytes = readBuffer();
            // Until a response head arrived, read little: what follows the head in this read is
            // copied out of the buffer, the rest of the body can then go straight to memory.
            int size = exchange != null && !headReceived ? HEAD_READ_SIZE : READ_SIZE;
            int count = bytes.writeBytes(socket, size);
            if (count <= 0) {
                if (count < 0) {
                    closedByServer();
                }
                return;
            }
            lastActivityNs = System.nanoTime();
            awaitingFirstByteOnReuse = false;
            pipeline.writeInbound(bytes.retain());
            if (bytes.refCnt() > 1) {
                // The decoder keeps the tail of this read (a head split over two reads): it is its buffer now.
                bytes.release();
                readBuffer = null;
            }
            if (state == State.CLOSED) {
                return;
            }
            flush();
            maybeReadBodyDirectly();
            if (count < size) {
                return;
            }
        }
    }

    /**
     * The buffer socket reads go into, reused while the decoder hands every byte on: allocating and
     * freeing a direct buffer per read would cost more than the read.
     */
    private ByteBuf readBuffer() {
        if (readBuffer == null) {
            readBuffer = ByteBufAllocator.DEFAULT.directBuffer(READ_SIZE, READ_SIZE);
        }
        return readBuffer.clear();
    }

    private void closedByServer() {
        // Closing the pipeline lets the decoder finish a body delimited by the end of the connection.
        pipeline.close();
        if (exchange != null) {
            fail(lost(new FerryException(ErrorCode.IO_ERROR, "connection closed by " + endpoint.origin()
                    + " before the response was complete")));
        } else {
            close();
        }
    }

    private void fail(FerryException cause) {
        directBody = null;
        Exchange failed = exchange;
        Exchange waiting = queued;
        exchange = null;
        queued = null;
        close();
        if (failed != null) {
            failed.onFailure(cause);
        }
        if (waiting != null) {
            waiting.onFailure(closedUnder(cause));
        }
    }

    /** The failure of a pipelined exchange whose connection failed under the one before it: it was never answered. */
    private FerryException closedUnder(FerryException cause) {
        return new StaleConnectionException(new FerryException(ErrorCode.CLOSED, "connection to " + endpoint.origin()
                + " failed before the response to a pipelined request: " + cause.getMessage(), cause));
    }
    /** Closes the connection; an exchange in progress fails. Closing twice does nothing. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        key.cancel();
        closeQuietly(socket);
        writer.release();
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline.releaseInbound();
            pipeline.releaseOutbound();
        }
        Exchange failed = exchange;
        Exchange waiting = queued;
        exchange = null;
        queued = null;
        FerryException closed = new FerryException(ErrorCode.CLOSED, "connection to " + endpoint.origin() + " was closed");
        if (failed != null) {
            failed.onFailure(closed);
        }
        if (waiting != null) {
            waiting.onFailure(closed);
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private void onMessage(HttpObject message) {
        if (exchange == null) {
            throw new FerryException(ErrorCode.IO_ERROR, endpoint.origin() + " sent a response nobody asked for");
        }
        if (message.decoderResult().isFailure()) {
            throw new FerryException(ErrorCode.IO_ERROR, "malformed response from " + endpoint.origin() + ": "
                    + message.decoderResult().cause().getMessage(), message.decoderResult().cause());
        }
        if (message instanceof HttpResponse response) {
            headReceived = true;
            keepAlive = HttpUtil.isKeepAlive(response);
            bodyLeft = HttpUtil.isTransferEncodingChunked(response) ? -1 : HttpUtil.getContentLength(response, -1L);
            exchange.onResponse(response);
        }
        if (message instanceof HttpContent content && exchange != null) {
            if (content.content().isReadable()) {
                bodyLeft -= content.content().readableBytes();
                exchange.onContent(content.content());
            }
            if (message instanceof LastHttpContent) {
                endExchange();
            }
        }
    }

    private void endExchange() {
        Exchange done = exchange;
        boolean reusable = keepAlive && (queued != null || writer.isComplete());
        exchange = queued;
        queued = null;
        headReceived = false;
        exchanges++;
        awaitingFirstByteOnReuse = exchange != null;
        if (!reusable) {
            close();
        } else if (exchange == null) {
            state = State.IDLE;
        }
        done.onEnd();
    }
    /**
     * After a read, lets the rest of a body of known length go from the socket straight into the
     * exchange's memory, when it offers some: the decoder is bypassed (and reset afterwards), which
     * saves the copy out of the read buffer. Not with TLS.
     */
    private void maybeReadBodyDirectly() {
        if (exchange != null && bodyLeft > 0 && directBody == null && !endpoint.origin().tls()) {
            directBody = exchange.directBody(bodyLeft);
        }
    }

    /** Reads body bytes into the exchange's memory; false when the socket had none (or closed). */
    private boolean readDirectly() throws IOException {
        int count = socket.read(directBody);
        if (count < 0) {
            directBody = null;
            closedByServer();
            return false;
        }
        if (count > 0) {
            lastActivityNs = System.nanoTime();
            bodyLeft -= count;
            exchange.onDirectContent(count);
        }
        if (bodyLeft == 0) {
            directBody = null;
            decoder.reset();
            endExchange();
        }
        return count > 0;
    }

    /** The end of the pipeline: hands messages to the exchange and releases them. */
    private final class ResponseHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                onMessage((HttpObject) message);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause instanceof FerryException f ? f : new FerryException(ErrorCode.IO_ERROR,
                    "connection to " + endpoint.origin() + ": " + cause.getMessage(), cause));
        }
    }
}
