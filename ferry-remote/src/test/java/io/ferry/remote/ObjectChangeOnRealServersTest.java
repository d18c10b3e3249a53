package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.remote.s3.S3Settings;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static io.ferry.remote.ObjectChangeTest.SIZE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file replaced under nginx and an object replaced in s3proxy while a multi-connection read of
 * it runs: a forwarding test server in front of each holds one range until the replacement, and
 * the read fails instead of stitching both versions.
 */
class ObjectChangeOnRealServersTest {
    private static final byte[] OLD = RemoteFixture.randomBytes(SIZE, 31);
    private static final byte[] NEW = RemoteFixture.randomBytes(SIZE, 32);
    private static final byte[] OTHER = RemoteFixture.randomBytes(SIZE, 33);

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldFailTheReadOfAFileReplacedUnderNginx(String engine) throws IOException {
        Requirements.nginx();
        Path file = Files.write(directory.resolve("a.bin"), OLD);
        Files.write(directory.resolve("b.bin"), OTHER);
        try (NginxServer nginx = NginxServer.start(directory);
             FaultyHttpServer proxy = FaultyHttpServer.forwardingTo(nginx.baseUri());
             RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            RemoteObject object = fixture.remote.open(proxy.uri("/a.bin").toString());
            RemoteObject other = fixture.remote.open(proxy.uri("/b.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(SIZE);
            MemorySegment otherMemory = fixture.sentinelMemory(SIZE);

            TransferStatus status = ObjectChangeTest.readWhileReplaced(fixture, proxy, object, other, memory, otherMemory,
                    () -> replace(file, NEW));

            ObjectChangeTest.assertOnlyTheReplacedObjectFailed(status, otherMemory, OTHER);
            assertThat(status.failures().getFirst().cause()).hasMessageContaining("412");
            ObjectChangeTest.assertNoByteOfTheNewVersion(memory, OLD);
        }
    }

    /** Replaces the file as an editor or rsync does, by a rename, with another modification time (nginx's ETag holds it in seconds). */
    private static void replace(Path file, byte[] content) {
        try {
            Path next = Files.write(file.resolveSibling(file.getFileName() + ".next"), content);
            Files.setLastModifiedTime(next, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 10_000));
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldFailTheReadOfAnObjectReplacedInS3(String engine) {
        try (S3ProxyServer s3 = S3ProxyServer.startAnonymous();
             FaultyHttpServer proxy = FaultyHttpServer.forwardingTo(s3.endpoint());
             RemoteFixture fixture = s3Fixture(engine, proxy);
             RemoteFixture writer = s3Fixture(engine, proxy)) {
            s3.createBucket("bucket");
            upload(writer, "s3://bucket/a.bin", OLD);
            upload(writer, "s3://bucket/b.bin", OTHER);
            RemoteObject object = fixture.remote.open("s3://bucket/a.bin");
            RemoteObject other = fixture.remote.open("s3://bucket/b.bin");
            MemorySegment memory = fixture.sentinelMemory(SIZE);
            MemorySegment otherMemory = fixture.sentinelMemory(SIZE);

            TransferStatus status = ObjectChangeTest.readWhileReplaced(fixture, proxy, object, other, memory, otherMemory,
                    () -> upload(writer, "s3://bucket/a.bin", NEW));

            ObjectChangeTest.assertOnlyTheReplacedObjectFailed(status, otherMemory, OTHER);
            assertThat(status.failures().getFirst().cause()).hasMessageContaining("412");
            ObjectChangeTest.assertNoByteOfTheNewVersion(memory, OLD);
        }
    }

    private RemoteFixture s3Fixture(String engine, FaultyHttpServer proxy) {
        return new RemoteFixture(engine, RemoteFixture.smallTasks().set(S3Settings.S3_ANONYMOUS, "on"),
                factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", proxy.baseUri().toString(), "AWS_REGION", "us-east-1"),
                        directory));
    }

    private static void upload(RemoteFixture fixture, String location, byte[] content) {
        RemoteObject object = fixture.remote.create(location, content.length);
        MemorySegment memory = fixture.arena.allocate(content.length);
        MemorySegment.copy(MemorySegment.ofArray(content), 0, memory, 0, content.length);
        fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
    }
}
