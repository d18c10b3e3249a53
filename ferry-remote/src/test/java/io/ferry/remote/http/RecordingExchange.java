package io.ferry.remote.http;

import io.ferry.FerryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

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
