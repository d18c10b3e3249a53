package io.ferry.stream.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.ferry.stream.wire.ManifestEntry.Kind.DIRECTORY;
import static io.ferry.stream.wire.ManifestEntry.Kind.FILE;
import static io.ferry.stream.wire.ManifestEntry.Kind.SYMLINK;
import static org.assertj.core.api.Assertions.assertThat;

class ManifestCodecTest {
    static final int BLOCK = 4096;

    private static ManifestCodec.Result decode(ManifestEntry... entries) {
        return ManifestCodec.decode(ByteBuffer.wrap(ManifestCodec.encode(new Manifest(List.of(entries)))), BLOCK);
    }

    @Test
    void shouldDecodeWhatItEncoded() {
        Manifest manifest = new Manifest(List.of(new ManifestEntry(DIRECTORY, "", 0750, 0, 0).modified(7),
                new ManifestEntry(DIRECTORY, "a dir", 0755, 0, 0).modified(-5),
                new ManifestEntry(FILE, "a dir/ünï\ncode", 0600, 5000, 0).modified(1_614_834_367_123_456_789L),
                new ManifestEntry(FILE, "empty", 0644, 0, 8192),
                new ManifestEntry(FILE, "last", 0644, 1, 8192)));
        ManifestCodec.Result result = ManifestCodec.decode(ByteBuffer.wrap(ManifestCodec.encode(manifest)), BLOCK);
        assertThat(result.check()).isEqualTo(WireCheck.OK);
        assertThat(result.manifest()).isEqualTo(manifest);
        assertThat(result.manifest().end()).isEqualTo(8193);
        assertThat(result.manifest().fileAt(4999)).isZero();
        assertThat(result.manifest().fileAt(5000)).isEqualTo(-1);
        assertThat(result.manifest().fileAt(8192)).isEqualTo(2);
        assertThat(result.manifest().isSingle()).as("a tree, whose root has the empty path").isFalse();
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
        assertThat(decode(new ManifestEntry(DIRECTORY, "a", 0755, 0, 0), new ManifestEntry(DIRECTORY, "", 0755, 0, 0))
                .check()).as("or for a tree's first entry").isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(new ManifestEntry(DIRECTORY, "", 0755, 0, 0), new ManifestEntry(DIRECTORY, "", 0700, 0, 0))
                .check()).as("once").isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(ManifestEntry.symlink("", "target")).check()).as("never a link").isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(new ManifestEntry(DIRECTORY, "", 0700, 0, 0)).check()).as("an empty tree").isEqualTo(WireCheck.OK);
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
    void shouldCarrySymbolicLinksWithTheirTargetsAfterTheirPaths() {
        Manifest manifest = new Manifest(List.of(ManifestEntry.symlink("up", "../../etc/ünï"),
                new ManifestEntry(FILE, "file", 0644, 3, 0), ManifestEntry.symlink("absolute", "/tmp/x y").modified(42)));
        byte[] bytes = ManifestCodec.encode(manifest);
        ByteBuffer first = ByteBuffer.wrap(bytes, ManifestCodec.HEAD_SIZE, ManifestCodec.ENTRY_SIZE).slice();
        assertThat(first.get(ManifestCodec.ENTRY_KIND)).isEqualTo((byte) 3);
        assertThat(first.getLong(ManifestCodec.ENTRY_SIZE_FIELD)).as("the target's length in bytes").isEqualTo(15);
        assertThat(new String(bytes, ManifestCodec.HEAD_SIZE + ManifestCodec.ENTRY_SIZE, 2 + 15, StandardCharsets.UTF_8))
                .isEqualTo("up../../etc/ünï");

        ManifestCodec.Result result = ManifestCodec.decode(ByteBuffer.wrap(bytes), BLOCK);
        assertThat(result.check()).isEqualTo(WireCheck.OK);
        assertThat(result.manifest()).isEqualTo(manifest);
        assertThat(result.manifest().files()).hasSize(1);
        assertThat(result.manifest().bytes()).isEqualTo(3);
    }

    @Test
    void shouldRefuseMalformedSymbolicLinks() {
        assertThat(decode(new ManifestEntry(SYMLINK, "l", 0777, 0, 0, "t", 0)).check()).as("a mode").isEqualTo(WireCheck.BAD_ENTRY);
        assertThat(decode(new ManifestEntry(SYMLINK, "l", 0, 0, BLOCK, "t", 0)).check()).as("a base").isEqualTo(WireCheck.BAD_ENTRY);
        assertThat(decode(ManifestEntry.symlink("l", "")).check()).as("no target").isEqualTo(WireCheck.BAD_ENTRY);
        assertThat(decode(ManifestEntry.symlink("l", "nul\0")).check()).isEqualTo(WireCheck.BAD_ENTRY);
        assertThat(decode(ManifestEntry.symlink("l", "x".repeat(ManifestCodec.MAX_TARGET_BYTES + 1))).check())
                .isEqualTo(WireCheck.BAD_ENTRY);
        assertThat(decode(ManifestEntry.symlink("l", "x".repeat(ManifestCodec.MAX_TARGET_BYTES))).check())
                .isEqualTo(WireCheck.OK);

        byte[] bytes = ManifestCodec.encode(new Manifest(List.of(ManifestEntry.symlink("l", "ab"))));
        bytes[bytes.length - 1] = (byte) 0xff;
        assertThat(ManifestCodec.decode(ByteBuffer.wrap(bytes), BLOCK).check()).as("not UTF-8").isEqualTo(WireCheck.BAD_ENTRY);
        ByteBuffer truncated = ByteBuffer.wrap(bytes, 0, bytes.length - 1);
        assertThat(ManifestCodec.decode(truncated, BLOCK).check()).isEqualTo(WireCheck.TRUNCATED);
    }

    @Test
    void shouldRefuseEntriesBelowAFileOrALink() {
        assertThat(decode(new ManifestEntry(FILE, "a/b", 0644, 1, 0), new ManifestEntry(FILE, "a", 0644, 1, BLOCK))
                .check()).isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(ManifestEntry.symlink("a", "/etc"), new ManifestEntry(FILE, "a/passwd", 0644, 1, 0))
                .check()).isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(ManifestEntry.symlink("d/e", "/etc"), new ManifestEntry(DIRECTORY, "d/e/f", 0755, 0, 0))
                .check()).isEqualTo(WireCheck.BAD_PATH);
        assertThat(decode(new ManifestEntry(DIRECTORY, "a", 0755, 0, 0), new ManifestEntry(FILE, "a/b", 0644, 1, 0),
                new ManifestEntry(FILE, "ab/c", 0644, 1, BLOCK)).check()).isEqualTo(WireCheck.OK);
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
