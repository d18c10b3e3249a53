package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Drives one {@link SSLEngine} between a socket and a connection's buffers: ciphertext is read
 * into {@code netIn} and decrypted into the connection's receive buffer; queued pieces are
 * encrypted into {@code netOut} and written from there. Both ciphertext buffers are native memory
 * of the connection's arena, kept in fill mode (position = end of the bytes held). TLS allocates per
 * record inside the JDK; the plain path is the one that allocates nothing.
 */
final class TlsSession {
    private static final ByteBuffer EMPTY = ByteBuffer.allocateDirect(0);
    /** Plaintext read from a file per record: the largest TLS record payload. */
    private static final int FILE_CHUNK = 16 * 1024;

    private final SSLEngine engine;
    private final MemorySegment netInMemory;
    private final ByteBuffer netIn;
    private final MemorySegment netOutMemory;
    private final ByteBuffer netOut;
    private final MemorySegment fileChunk;
    private final String peer;
    private boolean inputClosed;
    /** Whether the first handshake finished: a failure before that is the handshake's. */
    private boolean established;

    TlsSession(TlsConfig config, String serverName, InetSocketAddress remote, Arena arena) {
        this.engine = config.newEngine(serverName, remote);
        this.peer = serverName != null ? serverName : String.valueOf(remote);
        int packetSize = engine.getSession().getPacketBufferSize();
        netInMemory = arena.allocate(packetSize);
        netIn = netInMemory.asByteBuffer();
        netOutMemory = arena.allocate(packetSize);
        netOut = netOutMemory.asByteBuffer();
        fileChunk = arena.allocate(FILE_CHUNK);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw failure(e);
        }
    }

    /** The free space the receive buffer needs before a record can be decrypted into it. */
    int plaintextRoom() {
        return engine.getSession().getApplicationBufferSize();
    }

    boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    /** Whether ciphertext that arrived during the handshake still waits to be decrypted. */
    boolean hasBufferedInput() {
        return netIn.position() > 0;
    }

    /**
     * Moves the handshake on; true once it is finished. Application data that follows the handshake
     * in the same read is decrypted into {@code inbound}.
     */
    boolean handshake(NetLoop loop, int fd, InboundBuffer inbound) {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    wrap(EMPTY);
                    if (writeNetOut(loop, fd) != 0) {
                        return false;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = unwrap(inbound);
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        long read = readNetIn(loop, fd);
                        if (read == 0) {
                            throw new FerryException(ErrorCode.IO_ERROR, "TLS handshake with " + peer
                                    + " failed: the connection was closed");
                        }
                        if (read < 0) {
                            return false;
                        }
                    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new FerryException(ErrorCode.IO_ERROR, "TLS handshake with " + peer + " failed: closed by the peer");
                    }
                }
                default -> {
                    if (writeNetOut(loop, fd) != 0) {
                        return false;
                    }
                    established = true; // never back: a later failure is the session's, not the handshake's
                    return true;
                }
            }
        }
    }

    /**
     * Reads and decrypts into {@code inbound}: bytes of plaintext produced (more than 0), 0 at the
     * end of the stream (close_notify or TCP end), or -EAGAIN when nothing can be produced now.
     */
    long receive(NetLoop loop, int fd, InboundBuffer inbound) {
        long produced = 0;
        while (true) {
            if (inputClosed) {
                return produced > 0 ? produced : 0;
            }
            if (netIn.position() > 0) {
                SSLEngineResult result = unwrap(inbound);
                produced += result.bytesProduced();
                switch (result.getStatus()) {
                    case CLOSED -> inputClosed = true;
                    case BUFFER_OVERFLOW -> {
                        return produced > 0 ? produced : -Errno.EAGAIN;
                    }
                    case OK -> {
                        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                            runTasks();
                        }
                        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                            wrap(EMPTY);
                            writeNetOut(loop, fd);
                        }
                        continue;
                    }
                    case BUFFER_UNDERFLOW -> {
                        // a partial record: read more below
                    }
                }
                if (inputClosed) {
                    continue;
                }
            }
            if (produced > 0) {
                return produced;
            }
            long read = readNetIn(loop, fd);
            if (read <= 0) {
                return read;
            }
        }
    }

    /** Encrypts and writes queued pieces: 0 when all are written, -EAGAIN when the socket is full, or -errno. */
    long send(NetLoop loop, int fd, OutboundQueue queue, OutboundQueue.Sent sent) {
        long pending = writeNetOut(loop, fd);
        if (pending != 0) {
            return pending;
        }
        while (!queue.isEmpty()) {
            ByteBuffer source = headPlaintext(loop, queue);
            SSLEngineResult result = wrap(source);
            if (result.bytesConsumed() > 0) {
                queue.consumed(result.bytesConsumed(), sent);
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new FerryException(ErrorCode.CLOSED, "TLS session with " + peer + " was closed");
            }
            pending = writeNetOut(loop, fd);
            if (pending != 0) {
                return pending;
            }
        }
        return 0;
    }

    /** The oldest queued piece as plaintext: a view of its memory, or a chunk read from its file. */
    private ByteBuffer headPlaintext(NetLoop loop, OutboundQueue queue) {
        long length = Math.min(queue.headRemaining(), FILE_CHUNK);
        if (!queue.headIsFile()) {
            return MemorySegment.ofAddress(queue.headAddressOrOffset()).reinterpret(length).asByteBuffer();
        }
        long read = LibC.pread(loop.errno(), queue.headFileFd(), fileChunk.address(), length, queue.headAddressOrOffset());
        if (read <= 0) {
            throw new FerryException(ErrorCode.END_OF_FILE, "a file queued for sending could not be read at offset "
                    + queue.headAddressOrOffset() + (read < 0 ? ": " + Errno.name((int) -read) : ": it ended"));
        }
        return fileChunk.asSlice(0, read).asByteBuffer();
    }

    private SSLEngineResult wrap(ByteBuffer source) {
        try {
            return engine.wrap(source, netOut);
        } catch (SSLException e) {
            throw failure(e);
        }
    }

    private SSLEngineResult unwrap(InboundBuffer inbound) {
        netIn.flip();
        try {
            ByteBuffer target = inbound.free();
            int before = target.position();
            SSLEngineResult result = engine.unwrap(netIn, target);
            inbound.written(target.position() - before);
            return result;
        } catch (SSLException e) {
            throw failure(e);
        } finally {
            netIn.compact();
        }
    }

    /** Reads ciphertext: bytes read, 0 at end of stream, or -errno (-EAGAIN: none now). */
    private long readNetIn(NetLoop loop, int fd) {
        int room = netIn.remaining();
        if (room == 0) {
            throw new FerryException(ErrorCode.IO_ERROR, "a TLS record from " + peer + " is larger than the protocol allows");
        }
        long read = Sockets.read(loop.errno(), fd, netInMemory.address() + netIn.position(), room);
        if (read > 0) {
            netIn.position(netIn.position() + (int) read);
        }
        return read;
    }

    /** Writes the ciphertext held: 0 when none is left, -EAGAIN when the socket is full, or -errno. */
    private long writeNetOut(NetLoop loop, int fd) {
        while (netOut.position() > 0) {
            long written = Sockets.send(loop.errno(), fd, netOutMemory.address(), netOut.position());
            if (written < 0) {
                return written;
            }
            netOut.flip().position((int) written);
            netOut.compact();
        }
        return 0;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /**
     * A failure of the engine, as an {@link SSLHandshakeException} while the first handshake runs: a
     * peer that does not speak TLS ("Unrecognized SSL message, plaintext connection?") fails it as
     * surely as an untrusted certificate, and a caller that retries transport failures must not retry it.
     */
    private FerryException failure(SSLException e) {
        SSLException cause = established || e instanceof SSLHandshakeException ? e : handshakeFailure(e);
        String what = TlsFailureKind.of(e).describe("the peer", e);
        return new FerryException(ErrorCode.IO_ERROR, "TLS with " + peer + " failed: " + what, cause);
    }

    private static SSLHandshakeException handshakeFailure(SSLException e) {
        SSLHandshakeException handshake = new SSLHandshakeException(e.getMessage());
        handshake.initCause(e);
        return handshake;
    }

    void close() {
        engine.closeOutbound();
    }
}
