package io.ferry.remote.http;

import io.ferry.FerryException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

import java.io.ByteArrayOutputStream;

/** A pipelinable GET for connection tests that records what happens to it. */
final class RecordingExchange implements Exchange {
    final String path;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean head;
    boolean ended;
    FerryException failure;

    RecordingExchange(String path) {
        this.path = path;
    }

    @Override
    public HttpRequest request() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
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
    public void onResponse(HttpResponse response) {
        head = true;
    }

    @Override
    public void onContent(ByteBuf content) {
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        body.writeBytes(bytes);
    }

    @Override
    public void onEnd() {
        ended = true;
    }

    @Override
    public void onFailure(FerryException cause) {
        failure = cause;
    }
}
