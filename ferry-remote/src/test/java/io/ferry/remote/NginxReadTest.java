package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.settings.Settings;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ranged reads from a real nginx on 127.0.0.1, on both engines, checked byte for byte. */
class NginxReadTest {
    private static final int SIZE = (3 << 20) + 12_345;
    private static final byte[] CONTENT = RemoteFixture.randomBytes(SIZE, 42);

    @TempDir
    static Path root;
    private static NginxServer nginx;

    @BeforeAll
    static void startNginx() throws IOException {
        Requirements.nginx();
        Files.write(root.resolve("object.bin"), CONTENT);
        Files.write(root.resolve("empty.bin"), new byte[0]);
        nginx = NginxServer.start(root);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static URI object() {
        return nginx.uri("object.bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadTheWholeObjectInTasksOverSeveralConnections(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            RemoteObject object = fixture.remote.open(object().toString());
            assertThat(object.size()).isEqualTo(SIZE);
            MemorySegment memory = fixture.sentinelMemory(SIZE);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));

            assertThat(status.isDone()).as(status.toString()).isTrue();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(fixture.remote.bytesMoved()).isEqualTo(SIZE);
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    /** nginx keeps sending a held response until TCP's window is full; the next read takes the rest. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shouldReadInSequenceThroughSmallDescriptorsContinuingHeldResponses(int inFlight) {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.TASK_SIZE, 1L << 20);
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings)) {
            RemoteObject object = fixture.remote.open(object().toString(), RemoteOpenOption.SEQUENTIAL);

            MemorySegment memory = fixture.readInSequence(object, 32 << 10, inFlight);

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(fixture.remote.bytesMoved()).isEqualTo(SIZE);
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldLandOddRangesInHeapAndNativeMemoryAndTouchNothingElse(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            RemoteObject object = fixture.remote.open(object().toString());
            byte[] heap = new byte[300_000];
            Arrays.fill(heap, (byte) 0x5A);
            MemorySegment nativeMemory = fixture.sentinelMemory(400_000);
            long[][] ranges = {{1, 1}, {65_535, 70_000}, {SIZE - 131_073, 131_073}};
            List<Descriptor> descriptors = List.of(
                    Descriptor.of(MemorySegment.ofArray(heap), 7, ranges[0][1], object, ranges[0][0]),
                    Descriptor.of(MemorySegment.ofArray(heap), 1001, ranges[1][1], object, ranges[1][0]),
                    Descriptor.of(nativeMemory, 3, ranges[2][1], object, ranges[2][0]));

            TransferStatus status = fixture.run(TransferOp.READ, descriptors);

            assertThat(status.isDone()).as(status.toString()).isTrue();
            byte[] expectedHeap = new byte[heap.length];
            Arrays.fill(expectedHeap, (byte) 0x5A);
            System.arraycopy(CONTENT, 1, expectedHeap, 7, 1);
            System.arraycopy(CONTENT, 65_535, expectedHeap, 1001, 70_000);
            assertThat(heap).isEqualTo(expectedHeap);
            byte[] expectedNative = new byte[400_000];
            Arrays.fill(expectedNative, (byte) 0x5A);
            System.arraycopy(CONTENT, SIZE - 131_073, expectedNative, 3, 131_073);
            assertThat(RemoteFixture.bytes(nativeMemory)).isEqualTo(expectedNative);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadAgainAfterRetargeting(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            RemoteObject object = fixture.remote.open(object().toString());
            MemorySegment memory = fixture.sentinelMemory(100_000);
            Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));
            for (long offset : new long[] {0, 123_457, SIZE - 100_000}) {
                transfer.retarget(0, offset);
                transfer.post();
                assertThat(transfer.await(RemoteFixture.AWAIT).isDone()).isTrue();
                assertThat(RemoteFixture.bytes(memory)).isEqualTo(Arrays.copyOfRange(CONTENT, (int) offset, (int) offset + 100_000));
            }
            assertThatThrownBy(() -> transfer.retarget(0, SIZE - 99_999))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.OUT_OF_RANGE));
            transfer.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed"})
    void shouldRefuseARangePastTheEndUnlessShortReadsWereAskedFor(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            MemorySegment memory = fixture.sentinelMemory(1000);
            RemoteObject strict = fixture.remote.open(object().toString());
            assertThatThrownBy(() -> fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, strict, SIZE - 10))))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.OUT_OF_RANGE);
                        assertThat(e.getMessage()).contains("descriptor 0", "past the end", String.valueOf(SIZE));
                    });

            RemoteObject lenient = fixture.remote.open(object().toString(), RemoteOpenOption.SHORT_READS);
            assertThat(lenient.readableLength(SIZE - 10, 1000)).isEqualTo(10);
            TransferStatus status = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, lenient, SIZE - 10)));

            assertThat(status.isDone()).isTrue();
            byte[] expected = new byte[1000];
            Arrays.fill(expected, (byte) 0x5A);
            System.arraycopy(CONTENT, SIZE - 10, expected, 0, 10);
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldMixRemoteAndFileDescriptorsInOneTransfer(String engine) throws IOException {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            FileTarget file = fixture.agent.attach(FileBackend.factory()).open(root.resolve("object.bin"));
            RemoteObject object = fixture.remote.open(object().toString());
            MemorySegment fromFile = fixture.sentinelMemory(100_000);
            MemorySegment fromServer = fixture.sentinelMemory(100_000);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(
                    Descriptor.of(fromFile, file, 500_000), Descriptor.of(fromServer, object, 500_000)));

            assertThat(status.isDone()).as(status.toString()).isTrue();
            byte[] expected = Arrays.copyOfRange(CONTENT, 500_000, 600_000);
            assertThat(RemoteFixture.bytes(fromFile)).isEqualTo(expected);
            assertThat(RemoteFixture.bytes(fromServer)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed"})
    void shouldOpenEmptyObjectsAndReportMissingOnesWithTheStatus(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            assertThat(fixture.remote.open(nginx.uri("empty.bin").toString()).size()).isZero();
            assertThatThrownBy(() -> fixture.remote.open(nginx.uri("missing.bin").toString()))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).contains("HEAD", "missing.bin", "404 Not Found");
                    });
        }
    }
}
