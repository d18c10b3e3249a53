package io.ferry.remote.http;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.ByteBuffer;

/**
 * Fuzzes the parsers of what a server sends: the response head, the framing of its body, and a
 * chunked body arriving in two pieces split where the input says (a chunk size or a trailer cut in
 * the middle, as the network cuts them). None may throw anything but {@link MalformedResponse}, and
 * what one accepts must respect its limits. The first input byte picks the split. The seed corpus
 * is in src/test/resources (responses with a length, chunked with extensions and trailers, until
 * close, without a body); the pom runs the fuzzer for a bounded time in every build (JAZZER_FUZZ).
 */
class ResponseFuzzTest {
    private static final String SERVER = "http://fuzz";

    @FuzzTest(maxDuration = "20s")
    void responsesAreParsedOrRefusedAsMalformed(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int split = input[0] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(input, 1, input.length - 1).slice();
        try {
            ResponseHead head = HeadParser.parse(in, SERVER);
            if (head == null) {
                require(in.position() == 0 && in.remaining() < HeadParser.MAX_HEAD_BYTES, "an incomplete head moved or overran");
                return;
            }
            require(head.status() >= 100 && head.status() <= 999, "status out of range");
            BodyFraming framing = BodyFraming.of(head, false, SERVER);
            require(framing.length() >= 0 && (framing.kind() == BodyFraming.Kind.LENGTH) == framing.length() > 0,
                    "framing out of range");
            if (framing.kind() == BodyFraming.Kind.CHUNKED) {
                chunked(in, split);
            }
        } catch (MalformedResponse refused) {
            // the one way a parser may refuse what it was sent
        }
    }

    /** Decodes {@code body} as it would arrive in two reads, the first of {@code split} bytes. */
    private static void chunked(ByteBuffer body, int split) {
        int total = body.remaining();
        ByteBuffer buffer = ByteBuffer.allocate(total);
        long[] data = {0};
        ChunkedDecoder decoder = new ChunkedDecoder(SERVER);
        int first = Math.min(split, total);
        buffer.put(body.slice(body.position(), first)).flip();
        boolean ended = decoder.decode(buffer, piece -> data[0] += piece.remaining());
        if (!ended) {
            buffer.compact().put(body.slice(body.position() + first, total - first)).flip();
            decoder.decode(buffer, piece -> data[0] += piece.remaining());
        }
        require(data[0] <= total, "more data than bytes");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
