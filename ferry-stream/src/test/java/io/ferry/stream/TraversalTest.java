package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.settings.Settings;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A hostile sender cannot make the receiver write outside DEST. */
class TraversalTest {
    static final int BLOCK = 65536;

    @TempDir
    Path dir;

    private StreamReceiver receiveFrom(Loop loop, Path dest, String path) {
        return receiveFrom(loop, dest, new ManifestEntry(ManifestEntry.Kind.FILE, "fine.txt", 0644, 10, 0),
                new ManifestEntry(ManifestEntry.Kind.FILE, path, 0644, 10, BLOCK));
    }

    private StreamReceiver receiveFrom(Loop loop, Path dest, ManifestEntry... entries) {
        StreamReceiver receiver = loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
        byte[] manifest = ManifestCodec.encode(new Manifest(List.of(entries)));
        try (RawPeer peer = new RawPeer(loop.network, 0, 9)) {
            peer.handshake(1, BLOCK, RawPeer.noToken());
            peer.send(peer.packets.manifest(manifest, 0, manifest.length));
            for (int i = 0; i < 10_000 && !receiver.state().isFinal(); i++) {
                loop.network.step();
                receiver.poll();
            }
        }
        return receiver;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped.txt", "sub/../../escaped.txt", "/tmp/escaped.txt", "./escaped.txt", "a//b"})
    void shouldRefuseAManifestWithAnUnsafePath(String path) {
        Path dest = dir.resolve("dest");
        try (Loop loop = new Loop(41)) {
            StreamReceiver receiver = receiveFrom(loop, dest, path);
            assertThat(receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.failure().errorCode()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(receiver.failure().getMessage()).contains("manifest is invalid: unsafe or malformed path");
        }
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dest).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"out/escaped.txt", "out/deeper/escaped.txt"})
    void shouldRefuseToWriteThroughASymbolicLinkInDest(String path) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path dest = Files.createDirectories(dir.resolve("dest"));
        Files.createSymbolicLink(dest.resolve("out"), outside);
        try (Loop loop = new Loop(42)) {
            StreamReceiver receiver = receiveFrom(loop, dest, path);
            assertThat(receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.failure().getMessage()).contains("refusing to write through the symbolic link");
        }
        try (var entries = Files.list(outside)) {
            assertThat(entries).as("nothing written outside DEST").isEmpty();
        }
    }

    @Test
    void shouldRefuseAFileBelowALinkOfTheSameStream() {
        Path outside = dir.resolve("outside");
        Path dest = dir.resolve("dest");
        try (Loop loop = new Loop(43)) {
            StreamReceiver receiver = receiveFrom(loop, dest, ManifestEntry.symlink("out", outside.toString()),
                    new ManifestEntry(ManifestEntry.Kind.FILE, "out/escaped.txt", 0644, 10, 0));
            assertThat(receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.failure().getMessage()).contains("manifest is invalid: unsafe or malformed path");
        }
        assertThat(outside).doesNotExist();
        assertThat(dest).doesNotExist();
    }

    @Test
    void shouldRefuseATreeThatHoldsAFileAndItsTemporaryName() throws IOException {
        Path dest = Files.createDirectories(dir.resolve("dest"));
        try (Loop loop = new Loop(44)) {
            StreamReceiver receiver = receiveFrom(loop, dest,
                    new ManifestEntry(ManifestEntry.Kind.FILE, "sub/.x.ferry-part", 0644, 10, 0),
                    new ManifestEntry(ManifestEntry.Kind.FILE, "sub/x", 0644, 10, BLOCK));
            assertThat(receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.failure().getMessage())
                    .contains("holds both sub/x and sub/.x.ferry-part, the temporary name of the first");
        }
        try (var entries = Files.list(dest)) {
            assertThat(entries).as("nothing made").isEmpty();
        }
    }
}
