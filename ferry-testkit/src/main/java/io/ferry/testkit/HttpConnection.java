package io.ferry.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * Serves the requests of one connection of a {@link FaultyHttpServer}, one after the other, on a
 * thread of its own, applying the fault the script hands each request. Ends when the client
 * closes, a fault or {@code Connection: close} ends the connection, or the server closes the socket.
 */
final class HttpConnection implements Runnable {
    private static final long WHOLE_BODY = Long.MAX_VALUE;

    private final int number;
    private final Socket socket;
    private final Answers answers;
    private final FaultScript script;
    private final Consumer<RecordedRequest> recorder;
    private int served;

    HttpConnection(int number, Socket socket, Answers answers, FaultScript script, Consumer<RecordedRequest> recorder) {
        this.number = number;
        this.socket = socket;
        this.answers = answers;
        this.script = script;
        this.recorder = recorder;
    }

    @Override
    public void run() {
        try (socket) {
            HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()));
            ResponseWriter writer = new ResponseWriter(socket.getOutputStream());
            try {
                while (serve(reader, writer)) {
                    // next request on the same connection
                }
            } catch (MalformedRequestException e) {
                writer.write(Response.text(400, Response.reasonOf(400), e.getMessage() + "\n"), false, false, WHOLE_BODY);
            }
        } catch (IOException connectionGone) {
            // The client closed or reset the connection, or the server is closing: nothing to answer.
        }
    }

    /** Serves one request; true when the connection stays open for the next. */
    private boolean serve(HttpRequestReader reader, ResponseWriter writer) throws IOException {
        HttpRequestHead head = reader.readHead();
        if (head == null) {
            return false;
        }
        Fault fault = script.take(head.method(), head.path(), served++ > 0);
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.STATUS_BEFORE_BODY) {
            recorder.accept(head.record(number, 0));
            writer.write(fault.response(), head.isHead(), false, WHOLE_BODY);
            socket.setSoLinger(true, 0); // the body unread: close() resets, as a kernel closing over unread bytes does
            socket.close();
            return false;
        }
        if (head.expectsContinue()) {
            if (kind == Fault.Kind.STATUS) {
                // Refused before the body is sent, which the connection cannot skip: it closes.
                recorder.accept(head.record(number, 0));
                writer.write(fault.response(), head.isHead(), false, WHOLE_BODY);
                return false;
            }
            writer.writeContinue();
        }
        byte[] body = reader.readBody(head);
        recorder.accept(head.record(number, body.length));
        if (kind == null) {
            return answer(writer, head, answers.answer(head, body, null));
        }
        return switch (kind) {
            case CLOSE_BEFORE_RESPONSE, STATUS_BEFORE_BODY -> false;
            case STALL_BEFORE_RESPONSE -> stall();
            case STATUS -> answer(writer, head, fault.response());
            case WRONG_CONTENT_RANGE, IGNORE_RANGE -> answer(writer, head, answers.answer(head, body, kind));
            case IGNORE_RANGE_WITHOUT_LENGTH ->
                    answer(writer, head, answers.answer(head, body, Fault.Kind.IGNORE_RANGE).withUnknownLength());
            case HOLD -> {
                awaitRelease(fault);
                yield answer(writer, head, answers.answer(head, body, null));
            }
            case RESET_AFTER_BODY_BYTES, STALL_AFTER_BODY_BYTES, TRUNCATE_AFTER_BODY_BYTES -> {
                writer.write(answers.answer(head, body, null), head.isHead(), head.keepAlive(), fault.bodyBytes());
                yield cutShort(kind);
            }
        };
    }

    /** Waits for a held request's release; the server closing ends the connection instead. */
    private static void awaitRelease(Fault fault) throws IOException {
        try {
            fault.awaitRelease();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the server closed while a request was held");
        }
    }

    private boolean answer(ResponseWriter writer, HttpRequestHead head, Response response) throws IOException {
        writer.write(response, head.isHead(), head.keepAlive(), WHOLE_BODY);
        return head.keepAlive();
    }

    /** Ends a connection whose response body was cut short; always false. */
    private boolean cutShort(Fault.Kind kind) throws IOException {
        switch (kind) {
            case RESET_AFTER_BODY_BYTES -> {
                // A zero linger time makes close() send RST instead of FIN.
                socket.setSoLinger(true, 0);
                socket.close();
            }
            case STALL_AFTER_BODY_BYTES -> stall();
            case TRUNCATE_AFTER_BODY_BYTES -> socket.shutdownOutput();
            default -> throw new IllegalArgumentException("not a body fault: " + kind);
        }
        return false;
    }

    /** Sends nothing more until the client closes the connection or the server closes the socket; always false. */
    private boolean stall() {
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // Either side closed: the stall is over.
        }
        return false;
    }
}
