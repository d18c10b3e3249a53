package io.ferry.stream.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ferry.stream.wire.ManifestEntry.Kind.DIRECTORY;
import static io.ferry.stream.wire.ManifestEntry.Kind.FILE;
import static org.assertj.core.api.Assertions.assertThat;

/** How stream offsets, which count the room between block-aligned files, map to bytes of the files. */
class ManifestTest {
    /** 5000 bytes at 0, an empty file and 1 byte at 8192, 100 bytes at 12288; room after the first and third file. */
    private static final Manifest TREE = new Manifest(List.of(new ManifestEntry(DIRECTORY, "d", 0755, 0, 0),
            new ManifestEntry(FILE, "d/a", 0644, 5000, 0),
            new ManifestEntry(FILE, "empty", 0644, 0, 8192),
            new ManifestEntry(FILE, "one", 0644, 1, 8192),
            new ManifestEntry(FILE, "z", 0644, 100, 12288)));

    @Test
    void shouldCountTheBytesOfTheFilesWithoutTheRoomBetweenThem() {
        assertThat(TREE.bytes()).isEqualTo(5101);
        assertThat(TREE.end()).as("the stream's offsets go further").isEqualTo(12388);
        assertThat(Manifest.single(7, 0644).bytes()).isEqualTo(7);
        assertThat(new Manifest(List.of()).bytes()).isZero();
    }

    @Test
    void shouldCountTheBytesOfTheFilesBelowAnOffset() {
        assertThat(TREE.bytesBelow(-1)).as("before the start (no answer yet)").isZero();
        assertThat(TREE.bytesBelow(0)).isZero();
        assertThat(TREE.bytesBelow(4096)).isEqualTo(4096);
        assertThat(TREE.bytesBelow(5000)).isEqualTo(5000);
        assertThat(TREE.bytesBelow(8192)).as("the room after a file counts nothing").isEqualTo(5000);
        assertThat(TREE.bytesBelow(8193)).isEqualTo(5001);
        assertThat(TREE.bytesBelow(12288)).isEqualTo(5001);
        assertThat(TREE.bytesBelow(12300)).isEqualTo(5013);
        assertThat(TREE.bytesBelow(TREE.end())).isEqualTo(TREE.bytes());
        assertThat(TREE.bytesBelow(Long.MAX_VALUE)).isEqualTo(TREE.bytes());
    }

    @Test
    void shouldFindTheFileThatHoldsAnOffsetPastEmptyFilesAndTheRoomBetween() {
        assertThat(TREE.fileAt(-1)).isEqualTo(-1);
        assertThat(TREE.fileAt(0)).isZero();
        assertThat(TREE.fileAt(4999)).isZero();
        assertThat(TREE.fileAt(5000)).as("the room after a file").isEqualTo(-1);
        assertThat(TREE.fileAt(8192)).as("not the empty file at the same base").isEqualTo(2);
        assertThat(TREE.fileAt(8193)).isEqualTo(-1);
        assertThat(TREE.fileAt(12387)).isEqualTo(3);
        assertThat(TREE.fileAt(12388)).isEqualTo(-1);
        assertThat(new Manifest(List.of()).fileAt(0)).isEqualTo(-1);
    }
}
