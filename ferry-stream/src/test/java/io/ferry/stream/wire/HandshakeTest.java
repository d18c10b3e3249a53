package io.ferry.stream.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {
    private static ByteBuffer handshake(int channel, int count, int blockSize) {
        byte[] token = new byte[Handshake.TOKEN_LENGTH];
        Arrays.fill(token, (byte) 5);
        ByteBuffer buffer = ByteBuffer.allocate(Handshake.SIZE);
        Handshake.write(buffer, 0, 99, channel, count, CodecId.LZ4, blockSize, token);
        return buffer;
    }

    @Test
    void shouldReadBackEveryFieldItWrote() {
        ByteBuffer buffer = handshake(2, 4, 1 << 20);
        assertThat(Handshake.check(buffer, 0)).isEqualTo(WireCheck.OK);
        assertThat(Handshake.streamId(buffer, 0)).isEqualTo(99);
        assertThat(Handshake.channel(buffer, 0)).isEqualTo(2);
        assertThat(Handshake.channelCount(buffer, 0)).isEqualTo(4);
        assertThat(Handshake.codec(buffer, 0)).isEqualTo(CodecId.LZ4);
        assertThat(Handshake.blockSize(buffer, 0)).isEqualTo(1 << 20);
        byte[] token = new byte[Handshake.TOKEN_LENGTH];
        Arrays.fill(token, (byte) 5);
        assertThat(Handshake.tokenEquals(buffer, 0, token)).isTrue();
        token[31] = 6;
        assertThat(Handshake.tokenEquals(buffer, 0, token)).isFalse();
    }

    @ParameterizedTest(name = "channel {0} of {1}, block {2}: {3}")
    @CsvSource({
            "4, 4, 65536, BAD_CHANNEL",
            "-1, 4, 65536, BAD_CHANNEL",
            "0, 0, 65536, BAD_CHANNEL_COUNT",
            "0, 257, 65536, BAD_CHANNEL_COUNT",
            "0, 1, 65535, BAD_BLOCK_SIZE",
            "0, 1, 2048, BAD_BLOCK_SIZE",
            "0, 1, 33554432, BAD_BLOCK_SIZE",
    })
    void shouldRefuseFieldsOutOfRange(int channel, int count, int blockSize, WireCheck expected) {
        assertThat(Handshake.check(handshake(channel, count, blockSize), 0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "byte {0} = {1}: {2}")
    @CsvSource({"0, 0, BAD_MAGIC", "4, 9, BAD_VERSION", "5, 7, UNKNOWN_CODEC", "6, 1, FLAGS_NOT_ZERO",
            "7, 1, RESERVED_NOT_ZERO", "30, 1, RESERVED_NOT_ZERO"})
    void shouldRefuseMalformedBytes(int index, int value, WireCheck expected) {
        ByteBuffer buffer = handshake(0, 1, 65536);
        buffer.put(index, (byte) value);
        assertThat(Handshake.check(buffer, 0)).isEqualTo(expected);
    }
}
