package io.ferry.net;

import io.ferry.FerryException;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A handler that records what happens: bytes received (all of them), tokens sent, the close. */
class Recorder implements ConnectionHandler {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<Long> sent = new ArrayList<>();
    final List<MemorySegment> filled = new ArrayList<>();
    Connection connection;
    boolean connected;
    boolean closed;
    FerryException closeCause;

    @Override
    public void onConnected(Connection connection) {
        this.connection = connection;
        connected = true;
    }

    @Override
    public void onReceive(Connection connection, ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        received.writeBytes(copy);
    }

    @Override
    public void onReceivedInto(Connection connection, MemorySegment target) {
        filled.add(target);
    }

    @Override
    public void onSent(Connection connection, long token) {
        sent.add(token);
    }

    @Override
    public void onClosed(Connection connection, FerryException cause) {
        closed = true;
        closeCause = cause;
    }
}
