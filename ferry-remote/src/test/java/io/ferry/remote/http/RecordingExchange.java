package io.ferry.remote.http;

import io.ferry.FerryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** A pipelinable GET for connection tests that records what happens to it. */
final class RecordingExchange implements Exchange {
    final String path;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** The share of a length-framed body this exchange takes; negative for all of it. */
    long share = -1;
    boolean head;
    boolean ended;
    FerryException failure;

    RecordingExchange(String path) {
        this.path = path;
    }

    @Override
    public RequestHead request() {
        RequestHead request = new RequestHead(HttpMethod.GET, path);
        request.headers().set(HeaderNames.HOST, "127.0.0.1");
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
    public void onResponse(ResponseHead response) {
        head = true;
    }

    @Override
    public long bodyShare(long length) {
        return share < 0 ? length : share;
    }

    @Override
    public void onContent(ByteBuffer content) {
        byte[] bytes = new byte[content.remaining()];
        content.get(content.position(), bytes);
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
