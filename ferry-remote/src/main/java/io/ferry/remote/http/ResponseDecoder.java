package io.ferry.remote.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's response decoder, told by its connection whether the request in flight is a HEAD (whose
 * response announces a length but has no body). The connection resets it after a body that went
 * from the socket straight to memory, past the decoder.
 */
final class ResponseDecoder extends HttpResponseDecoder {
    private boolean headRequest;

    ResponseDecoder(HttpDecoderConfig config) {
        super(config);
    }

    void expectResponseTo(HttpMethod method) {
        headRequest = HttpMethod.HEAD.equals(method);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        return headRequest || super.isContentAlwaysEmpty(message);
    }
}
