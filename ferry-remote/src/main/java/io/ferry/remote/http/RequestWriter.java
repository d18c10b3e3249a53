package io.ferry.remote.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The request side of a connection: heads and bodies encoded by the pipeline and written to the
 * socket as it drains. A body is taken from its {@link BodySource} only while less than
 * {@value #OUTBOUND_LIMIT} bytes wait for the socket, and not before a TLS handshake completed
 * (the handler would otherwise hold all of it at once), so memory stays bounded.
 */
final class RequestWriter {
    private static final int BODY_PIECE = 256 * 1024;
    private static final int OUTBOUND_LIMIT = 512 * 1024;

    private final OutboundBytes outbound = new OutboundBytes(BODY_PIECE);
    private EmbeddedChannel pipeline;
    private BodySource body;
    private boolean bodySent = true;

    /** The pipeline that encodes, once the connection is established. */
    void attach(EmbeddedChannel connected) {
        pipeline = connected;
    }

    /** Writes a request head; its body, if any, follows as the socket drains. */
    void begin(HttpRequest head, BodySource requestBody) {
        body = requestBody;
        bodySent = requestBody == null;
        if (requestBody != null) {
            requestBody.rewind();
        }
        pipeline.write(head);
        if (requestBody == null) {
            pipeline.write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    /** True when the last request went out whole: head, body and end. */
    boolean isComplete() {
        return bodySent && outbound.isEmpty();
    }

    /**
     * Moves body pieces and encoded bytes to the socket until it is full or nothing more can go
     * now; true when nothing waits for the socket, false when it is full.
     */
    boolean flush(SocketChannel socket) throws IOException {
        while (true) {
            while (!bodySent && outbound.size() < OUTBOUND_LIMIT && handshakeDone()) {
                ByteBuf piece = body.next(BODY_PIECE);
                pipeline.write(piece == null ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultHttpContent(piece));
                bodySent = piece == null;
                outbound.takeFrom(pipeline);
            }
            outbound.takeFrom(pipeline);
            if (!outbound.writeTo(socket)) {
                return false;
            }
            if (bodySent || !handshakeDone()) {
                return true;
            }
        }
    }

    private boolean handshakeDone() {
        SslHandler tls = pipeline.pipeline().get(SslHandler.class);
        return tls == null || tls.handshakeFuture().isSuccess();
    }

    void release() {
        outbound.release();
    }
}
