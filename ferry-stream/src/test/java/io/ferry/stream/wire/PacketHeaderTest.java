package io.ferry.stream.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class PacketHeaderTest {
    static final int BLOCK = 65536;

    private static ByteBuffer header(PacketType type, int codec, int wire, long offset, long length) {
        ByteBuffer buffer = ByteBuffer.allocate(PacketHeader.SIZE + 8);
        PacketHeader.write(buffer, 8, type, codec, 3, wire, 77, 5, offset, length);
        return buffer;
    }

    @Test
    void shouldReadBackEveryFieldItWrote() {
        ByteBuffer buffer = header(PacketType.DATA, CodecId.ZSTD, 100, 4096, 200);
        PacketHeader.putChecksum(buffer, 8, 0xcafe);
        assertThat(PacketHeader.check(buffer, 8, BLOCK)).isEqualTo(WireCheck.OK);
        assertThat(PacketHeader.type(buffer, 8)).isEqualTo(PacketType.DATA);
        assertThat(PacketHeader.codec(buffer, 8)).isEqualTo(CodecId.ZSTD);
        assertThat(PacketHeader.channel(buffer, 8)).isEqualTo(3);
        assertThat(PacketHeader.wireLength(buffer, 8)).isEqualTo(100);
        assertThat(PacketHeader.streamId(buffer, 8)).isEqualTo(77);
        assertThat(PacketHeader.sequence(buffer, 8)).isEqualTo(5);
        assertThat(PacketHeader.offset(buffer, 8)).isEqualTo(4096);
        assertThat(PacketHeader.length(buffer, 8)).isEqualTo(200);
        assertThat(PacketHeader.checksum(buffer, 8)).isEqualTo(0xcafe);
    }

    @ParameterizedTest(name = "{0} byte {1} = {2}: {3}")
    @CsvSource({
            "DATA, 0, 0, BAD_MAGIC",
            "DATA, 4, 2, BAD_VERSION",
            "DATA, 5, 99, UNKNOWN_TYPE",
            "DATA, 6, 9, UNKNOWN_CODEC",
            "DATA, 7, 1, FLAGS_NOT_ZERO",
            "DATA, 50, 1, RESERVED_NOT_ZERO",
            "DATA, 59, 1, RESERVED_NOT_ZERO",
            "DATA, 32, -128, BAD_OFFSET",
            "DATA, 44, 1, BAD_LENGTH",
            "DATA, 12, 1, BAD_WIRE_LENGTH",
            "SYNC, 6, 1, UNEXPECTED_CODEC",
            "SYNC, 15, 1, BAD_WIRE_LENGTH",
            "ZERO, 15, 1, BAD_WIRE_LENGTH",
            "MANIFEST, 14, 1, BAD_WIRE_LENGTH",
            "ERROR, 13, 8, BAD_WIRE_LENGTH",
    })
    void shouldNameTheFirstFieldThatIsWrong(PacketType type, int index, int value, WireCheck expected) {
        int wire = switch (type) {
            case DATA -> 100;
            case MANIFEST -> 10;
            default -> 0;
        };
        ByteBuffer buffer = header(type, CodecId.NONE, wire, 0, type == PacketType.SYNC ? 1 : 100);
        assertThat(PacketHeader.check(buffer, 8, BLOCK)).isEqualTo(WireCheck.OK);
        buffer.put(8 + index, (byte) value);
        assertThat(PacketHeader.check(buffer, 8, BLOCK)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseCompressedPayloadsThatAreNotSmaller() {
        assertThat(PacketHeader.check(header(PacketType.DATA, CodecId.LZ4, 101, 0, 100), 8, BLOCK))
                .isEqualTo(WireCheck.BAD_WIRE_LENGTH);
        assertThat(PacketHeader.check(header(PacketType.DATA, CodecId.LZ4, 99, 0, 100), 8, BLOCK)).isEqualTo(WireCheck.OK);
    }

    @Test
    void shouldRefuseOffsetsThatOverflowWithTheirLength() {
        assertThat(PacketHeader.check(header(PacketType.ZERO, CodecId.NONE, 0, Long.MAX_VALUE - 5, 10), 8, BLOCK))
                .isEqualTo(WireCheck.BAD_OFFSET);
        assertThat(PacketHeader.check(header(PacketType.DATA, CodecId.NONE, BLOCK + 1, 0, BLOCK + 1), 8, BLOCK))
                .isEqualTo(WireCheck.BAD_LENGTH);
    }

    @Test
    void shouldCutLongErrorMessagesToTheLimit() {
        ByteBuffer buffer = ByteBuffer.allocate(PacketHeader.SIZE + PacketHeader.MAX_ERROR_MESSAGE);
        int size = ErrorPacket.write(buffer, 0, 0, 1, 0, 15, "ü".repeat(2000));
        assertThat(size).isLessThanOrEqualTo(buffer.capacity());
        assertThat(PacketHeader.check(buffer, 0, BLOCK)).isEqualTo(WireCheck.OK);
        assertThat(ErrorPacket.errorCode(buffer, 0)).isEqualTo(15);
        assertThat(ErrorPacket.message(buffer, PacketHeader.SIZE, size - PacketHeader.SIZE)).matches("ü+");
    }

    @Test
    void shouldCutLongErrorMessagesBetweenCharactersOutsideTheBasicPlane() {
        ByteBuffer buffer = ByteBuffer.allocate(PacketHeader.SIZE + PacketHeader.MAX_ERROR_MESSAGE);
        String message = "x" + "\uD83D\uDE00".repeat(1000); // an odd start puts a cut at 3/4 inside a pair

        int size = ErrorPacket.write(buffer, 0, 0, 1, 0, 15, message);

        assertThat(ErrorPacket.message(buffer, PacketHeader.SIZE, size - PacketHeader.SIZE)).matches("x(\uD83D\uDE00)+");
    }
}
