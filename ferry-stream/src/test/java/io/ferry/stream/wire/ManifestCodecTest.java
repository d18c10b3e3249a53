package io.ferry.stream.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static io.ferry.stream.wire.ManifestEntry.Kind.DIRECTORY;
import static io.ferry.stream.wire.ManifestEntry.Kind.FILE;
import static org.assertj.core.api.Assertions.assertThat;

class ManifestCodecTest {
    static final int BLOCK = 4096;

    private static ManifestCodec.Result decode(ManifestEntry... entries) {
        return ManifestCodec.decode(ByteBuffer.wrap(ManifestCodec.encode(new Manifest(List.of(entries)))), BLOCK);
    }

    @Test
    void shouldDecodeWhatItEncoded() {
        Manifest manifest = new Manifest(List.of(new ManifestEntry(DIRECTORY, "a dir", 0755, 0, 0),
                new ManifestEntry(FILE, "a dir/ünï\ncode", 0600, 5000, 0),
                new ManifestEntry(FILE, "empty", 0644, 0, 8192),
                new ManifestEntry(FILE, "last", 0644, 1, 8192)));
        ManifestCodec.Result result = ManifestCodec.decode(ByteBuffer.wrap(ManifestCodec.encode(manifest)), BLOCK);
        assertThat(result.check()).isEqualTo(WireCheck.OK);
        assertThat(result.manifest()).isEqualTo(manifest);
        assertThat(result.manifest().end()).isEqualTo(8193);
        assertThat(result.manifest().fileAt(4999)).isZero();
        assertThat(result.manifest().fileAt(5000)).isEqualTo(-1);
        assertThat(result.manifest().fileAt(8192)).isEqualTo(2);
    }

    @Test
    void shouldRefuseUnsafeOrDuplicatePaths() {
        for (String path : List.of("../x", "a/../../x", "/abs", "a//b", "./a", "a/", "nul\0byte")) {
            assertThat(decode(new ManifestEntry(FILE, path, 0644, 1, 0)).check()).as(path).isEqualTo(WireCheck.BAD_PATH);
        }
        assertThat(decode(new ManifestEntry(FILE, "same", 0644, 1, 0), new ManifestEntry(FILE, "same", 0644, 1, BLOCK))
                .check()).isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(new ManifestEntry(FILE, "", 0644, 1, 0), new ManifestEntry(FILE, "b", 0644, 1, BLOCK))
                .check()).as("the empty path only for a single file").isEqualTo(WireCheck.BAD_PATH);
    }

    @Test
    void shouldRefuseFilesThatOverlapOrAreNotAligned() {
        assertThat(decode(new ManifestEntry(FILE, "a", 0644, 5000, 0), new ManifestEntry(FILE, "b", 0644, 1, BLOCK))
                .check()).isEqualTo(WireCheck.BAD_OFFSET);
        assertThat(decode(new ManifestEntry(FILE, "a", 0644, 1, 100)).check()).isEqualTo(WireCheck.BAD_OFFSET);
        assertThat(decode(new ManifestEntry(FILE, "a", 0644, -1, 0)).check()).isEqualTo(WireCheck.BAD_LENGTH);
        assertThat(decode(new ManifestEntry(FILE, "a", 010644, 1, 0)).check()).isEqualTo(WireCheck.BAD_ENTRY);
        assertThat(decode(new ManifestEntry(DIRECTORY, "d", 0755, 1, 0)).check()).isEqualTo(WireCheck.BAD_ENTRY);
    }

    @Test
    void shouldRefuseACountLargerThanTheBytesCanHoldWithoutAllocatingForIt() {
        ByteBuffer bytes = ByteBuffer.wrap(ManifestCodec.encode(Manifest.single(10, 0644)));
        bytes.putInt(ManifestCodec.COUNT, Integer.MAX_VALUE);
        assertThat(ManifestCodec.decode(bytes, BLOCK).check()).isEqualTo(WireCheck.BAD_LENGTH);
        ByteBuffer truncated = ByteBuffer.wrap(ManifestCodec.encode(Manifest.single(10, 0644)), 0, 20);
        assertThat(ManifestCodec.decode(truncated, BLOCK).check()).isEqualTo(WireCheck.BAD_LENGTH);
        assertThat(ManifestCodec.decode(ByteBuffer.allocate(3), BLOCK).check()).isEqualTo(WireCheck.TRUNCATED);
    }
}
