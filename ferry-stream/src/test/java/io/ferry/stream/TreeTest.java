package io.ferry.stream;

import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Source;
import io.ferry.stream.source.Sources;
import io.ferry.stream.wire.ManifestEntry;
import io.ferry.testkit.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TreeTest {
    static final int BLOCK = 65536;
    /** A modification time with nanoseconds, which the copy keeps. */
    static final FileTime MODIFIED = FileTime.from(Instant.parse("2021-03-04T05:06:07.123456789Z"));

    @TempDir
    Path dir;

    /**
     * Makes {@code dir/tree}: odd names, an empty file and directory, a sparse file, a large file, symbolic
     * links (out of the tree, to a directory in it, dangling); returns the large file's bytes.
     */
    static byte[] makeOddTree(Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Random random = new Random(7);
        byte[] large = new byte[5 * 1024 * 1024 + 17];
        random.nextBytes(large);
        Files.write(tree.resolve("large.bin"), large);
        Files.writeString(tree.resolve("with space.txt"), "spaces");
        Files.createDirectories(tree.resolve("ünïcödé/файлы"));
        Files.writeString(tree.resolve("ünïcödé/файлы/新しい.txt"), "unicode");
        Files.writeString(tree.resolve("new\nline"), "a newline in the name");
        Files.createFile(tree.resolve("empty"));
        Files.createDirectories(tree.resolve("empty dir"));
        Path sparse = tree.resolve("sparse.img");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(64L << 20);
            file.seek(3L << 20);
            file.write("in the middle".getBytes());
            file.seek((64L << 20) - 5);
            file.write("tail!".getBytes());
        }
        Files.setPosixFilePermissions(tree.resolve("with space.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(tree.resolve("with space.txt"), MODIFIED);
        Files.setLastModifiedTime(tree.resolve("ünïcödé/файлы"), MODIFIED);
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(tree.resolve("link"), Files.writeString(dir.resolve("outside.txt"), "outside"));
        Files.createSymbolicLink(tree.resolve("ünïcödé/to dir"), Path.of("файлы"));
        Files.createSymbolicLink(tree.resolve("dangling"), Path.of("../nowhere/at all"));
        Files.getFileAttributeView(tree.resolve("dangling"), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(MODIFIED, null, null);
        return large;
    }

    /** Checks that {@code dest} is a faithful copy of {@link #makeOddTree}'s tree. */
    static void assertOddTreeCopied(Path dir, Path dest, byte[] large) throws IOException {
        assertThat(Files.readAllBytes(dest.resolve("large.bin"))).isEqualTo(large);
        assertThat(dest.resolve("with space.txt")).hasContent("spaces");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("with space.txt"))))
                .isEqualTo("rw-------");
        assertThat(dest.resolve("ünïcödé/файлы/新しい.txt")).hasContent("unicode");
        assertThat(Files.getLastModifiedTime(dest.resolve("with space.txt"))).as("modification times kept").isEqualTo(MODIFIED);
        assertThat(Files.getLastModifiedTime(dest.resolve("ünïcödé/файлы"))).isEqualTo(MODIFIED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).as("DEST takes the root's mode")
                .isEqualTo("rwxr-x---");
        assertThat(Files.getLastModifiedTime(dest)).as("and its time, as rsync -a gives them")
                .isEqualTo(Files.getLastModifiedTime(dir.resolve("tree")));
        assertThat(Files.getLastModifiedTime(dest.resolve("large.bin"))).isEqualTo(Files.getLastModifiedTime(dir.resolve("tree/large.bin")));
        assertThat(dest.resolve("new\nline")).hasContent("a newline in the name");
        assertThat(dest.resolve("empty")).isEmptyFile();
        assertThat(dest.resolve("empty dir")).isEmptyDirectory();
        assertThat(Files.readSymbolicLink(dest.resolve("link"))).as("links are made, not followed")
                .isEqualTo(dir.resolve("outside.txt"));
        assertThat(Files.readSymbolicLink(dest.resolve("ünïcödé/to dir"))).isEqualTo(Path.of("файлы"));
        assertThat(dest.resolve("ünïcödé/to dir/新しい.txt")).hasContent("unicode");
        assertThat(Files.readSymbolicLink(dest.resolve("dangling"))).isEqualTo(Path.of("../nowhere/at all"));
        assertThat(Files.getLastModifiedTime(dest.resolve("dangling"), LinkOption.NOFOLLOW_LINKS)).as("a link's own time")
                .isEqualTo(MODIFIED);
        assertThat(Files.mismatch(dir.resolve("tree/sparse.img"), dest.resolve("sparse.img"))).isEqualTo(-1);
        assertThat(allocatedBytes(dest.resolve("sparse.img"))).as("the copy stays sparse").isLessThan(8L << 20);
        try (var names = Files.walk(dest)) {
            assertThat(names.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains("ferry-part"));
        }
    }

    @Test
    void shouldRecreateTreeWithOddNamesEmptySparseAndLargeFiles() throws IOException {
        byte[] large = makeOddTree(dir);
        Path dest = dir.resolve("dest");
        StreamOptions options = StreamOptions.from(Settings.defaults()).withChannels(4).withCodec(Codec.LZ4)
                .withBlockSize(BLOCK, 16L * BLOCK);
        try (Loop loop = new Loop(3)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options, Sources.tree(dir.resolve("tree"), BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.failure()).isNull();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(loop.receiver.bytesWritten()).as("holes are not sent").isLessThan(large.length + 4L * BLOCK);
            assertThat(loop.receiver.bytesDone()).as("every byte of every file, holes included")
                    .isEqualTo(loop.receiver.manifest().bytes());
            assertThat(loop.receiver.manifest().entries()).as("every entry, the root first").hasSize(13);
        }
        assertOddTreeCopied(dir, dest, large);
    }

    private static long allocatedBytes(Path path) throws IOException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", path.toString()).start();
        String[] parts = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    @Test
    void shouldRefuseAFifoInTheTreeOrSkipItWhenAsked() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("file"), "bytes");
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fifo = tree.resolve("fifo");
        assumeTrue(SpecialFiles.fifo(fifo), "mkfifo is not installed");
        assertThatThrownBy(() -> Sources.tree(tree, BLOCK)).isInstanceOf(FerryException.class)
                .hasMessage("cannot send " + fifo + ": a stream carries files, directories and symbolic links, not a FIFO, socket or device");

        Path link = Files.createSymbolicLink(dir.resolve("link to tree"), tree);
        List<Path> skipped = new ArrayList<>();
        try (Source source = Sources.tree(link, BLOCK, skipped::add)) {
            assertThat(skipped).as("named as the caller named the tree").containsExactly(link.resolve("fifo"));
            assertThat(source.manifest().entries()).as("the root link followed, the FIFO left out")
                    .containsExactly(new ManifestEntry(ManifestEntry.Kind.DIRECTORY, "", 0755, 0, 0)
                                    .modified(Files.getLastModifiedTime(tree).to(TimeUnit.NANOSECONDS)),
                            new ManifestEntry(ManifestEntry.Kind.FILE, "file", 0644, 5, 0)
                                    .modified(Files.getLastModifiedTime(tree.resolve("file")).to(TimeUnit.NANOSECONDS)));
        }
    }

    /** Sends {@code dir/tree} into {@code dest}, which the test prepared; returns the receiver's failure, null when none. */
    private FerryException sendTreeInto(Path dest) {
        try (Loop loop = new Loop(5)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(StreamOptions.from(Settings.defaults()).withChannels(2).withBlockSize(BLOCK, 16L * BLOCK),
                    Sources.tree(dir.resolve("tree"), BLOCK));
            loop.runToEnd();
            return loop.receiver.failure();
        }
    }

    @Test
    void shouldRecreateAnEmptyTreeWithItsModeAndTime() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwx------"));
        Files.setLastModifiedTime(tree, MODIFIED);
        Path dest = dir.resolve("dest");

        assertThat(sendTreeInto(dest)).isNull();

        assertThat(dest).isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rwx------");
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(MODIFIED);
    }

    @Test
    void shouldRefuseADirectoryInTheWayOfAFileOrLinkBeforeAnyByteMoves() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("file"), "bytes");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("file"));
        for (String inTheWay : List.of("file", "link")) {
            Path dest = Files.createDirectories(dir.resolve("dest " + inTheWay).resolve(inTheWay));
            assertThat(sendTreeInto(dest.getParent())).hasMessage("cannot receive " + dest.toAbsolutePath()
                    + ": a directory is in the way of the file or link the stream holds there");
            try (var entries = Files.list(dest.getParent())) {
                assertThat(entries).as("no temporary file made").containsExactly(dest);
            }
        }
    }

    @Test
    void shouldRefuseAFileInTheWayOfADirectory() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("tree/sub")).resolve("file"), "bytes");
        Path dest = Files.createDirectories(dir.resolve("dest"));
        Files.writeString(dest.resolve("sub"), "a file where the stream has a directory");
        assertThat(sendTreeInto(dest)).hasMessage("cannot receive " + dest.resolve("sub").toAbsolutePath()
                + ": a file is in the way of the directory the stream holds there");
        assertThat(dest.resolve("sub")).hasContent("a file where the stream has a directory");
    }
}
