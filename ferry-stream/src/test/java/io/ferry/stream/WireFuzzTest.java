package io.ferry.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.FerryException;
import io.ferry.stream.send.ConnectionSend;
import io.ferry.stream.send.SendListener;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.ManifestEntry;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.PathCheck;
import io.ferry.stream.wire.WireCheck;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes every parser of what a peer sends: handshakes, packet headers, manifests, and the sender's
 * reading of the receiver's answers. None may throw, and what one accepts must respect its limits.
 * The first input byte picks the parser. The seed corpus is in src/test/resources (valid structures
 * of each kind); the pom runs the fuzzer for a bounded time in every build (JAZZER_FUZZ).
 */
class WireFuzzTest {
    private static final int BLOCK = 65536;

    @FuzzTest(maxDuration = "20s")
    void parsersNeverThrowAndRespectTheirLimits(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ByteBuffer rest = ByteBuffer.wrap(input, 1, input.length - 1).slice();
        switch (Math.floorMod(input[0], 4)) {
            case 0 -> handshake(fixed(rest, Handshake.SIZE));
            case 1 -> header(fixed(rest, PacketHeader.SIZE));
            case 2 -> manifest(rest);
            default -> answers(rest);
        }
    }

    private static ByteBuffer fixed(ByteBuffer bytes, int size) {
        return ByteBuffer.wrap(Arrays.copyOf(Arrays.copyOfRange(bytes.array(), bytes.arrayOffset(),
                bytes.arrayOffset() + bytes.remaining()), size));
    }

    private static void handshake(ByteBuffer bytes) {
        if (Handshake.check(bytes, 0) == WireCheck.OK) {
            int count = Handshake.channelCount(bytes, 0);
            int channel = Handshake.channel(bytes, 0);
            int block = Handshake.blockSize(bytes, 0);
            require(count >= 1 && count <= Handshake.MAX_CHANNELS && channel >= 0 && channel < count
                    && Integer.bitCount(block) == 1 && block <= Handshake.MAX_BLOCK_SIZE, "handshake out of range");
        }
    }

    private static void header(ByteBuffer bytes) {
        if (PacketHeader.check(bytes, 0, BLOCK) == WireCheck.OK) {
            PacketType type = PacketHeader.type(bytes, 0);
            long offset = PacketHeader.offset(bytes, 0);
            long length = PacketHeader.length(bytes, 0);
            int wire = PacketHeader.wireLength(bytes, 0);
            require(type != null && offset >= 0 && wire >= 0 && wire <= Math.max(BLOCK, PacketHeader.MAX_ERROR_MESSAGE),
                    "header out of range");
            require(type != PacketType.DATA || (length <= BLOCK && wire <= length && offset + length >= 0),
                    "data packet out of range");
        }
    }

    private static void manifest(ByteBuffer bytes) {
        ManifestCodec.Result result = ManifestCodec.decode(bytes, 4096);
        if (result.check() == WireCheck.OK) {
            Manifest manifest = result.manifest();
            long end = 0;
            for (ManifestEntry file : manifest.files()) {
                require(file.base() >= end && file.base() % 4096 == 0 && file.size() >= 0, "files overlap");
                end = file.end();
            }
            List<ManifestEntry> entries = manifest.entries();
            for (ManifestEntry entry : entries) {
                boolean root = manifest.isSingle() || (entry == entries.getFirst() && entry.kind() == ManifestEntry.Kind.DIRECTORY
                        && entry.path().isEmpty());
                require(root || PathCheck.isSafe(entry.path()), "unsafe path accepted");
                require(entry.kind() == ManifestEntry.Kind.SYMLINK ? !entry.target().isEmpty()
                        && entry.target().indexOf('\0') < 0 && entry.size() == 0 : entry.target().isEmpty(),
                        "link target out of range");
            }
        }
    }

    private static void answers(ByteBuffer bytes) {
        ConnectionSend send = new ConnectionSend(0, new SendListener() {
            @Override
            public void onSent(int channel) {
            }

            @Override
            public void onAck(long syncId, long position) {
            }

            @Override
            public void onFailed(int channel, FerryException cause) {
            }
        });
        ByteBuffer in = ByteBuffer.allocateDirect(bytes.remaining()).put(bytes).flip();
        send.onReceive(in);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
