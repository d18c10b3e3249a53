package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An object replaced on the server while it is read: one range is held until the replacement,
 * and the read fails with ObjectChangedException instead of mixing two versions, whether the
 * server checks If-Match / If-Unmodified-Since or not and whether it sends ETags or not.
 */
class ObjectChangeTest {
    static final int SIZE = 300_000;
    static final int TASK = 64 << 10;
    private static final byte[] OLD = RemoteFixture.randomBytes(SIZE, 21);
    private static final byte[] NEW = RemoteFixture.randomBytes(SIZE, 22);
    private static final byte[] OTHER = RemoteFixture.randomBytes(SIZE, 23);

    static Stream<Arguments> enginesAndServers() {
        return Stream.of("multiplexed", "blocking").flatMap(engine -> Stream.of(
                Arguments.of(engine, true, true), Arguments.of(engine, true, false),
                Arguments.of(engine, false, true), Arguments.of(engine, false, false)));
    }

    /**
     * Reads the object at {@code location} and {@code other} in one transfer while {@code replace}
     * replaces the first one: its first GET is held until then, and some bytes arrived before.
     */
    static TransferStatus readWhileReplaced(RemoteFixture fixture, FaultyHttpServer held, RemoteObject object,
                                            RemoteObject other, MemorySegment memory, MemorySegment otherMemory,
                                            Runnable replace) {
        CountDownLatch replaced = new CountDownLatch(1);
        held.script().next(Fault.holdUntil(replaced).on("GET"));
        Transfer transfer = fixture.agent.prepare(TransferOp.READ,
                List.of(Descriptor.of(memory, object, 0), Descriptor.of(otherMemory, other, 0)));
        try {
            transfer.post();
            fixture.pollUntil(() -> fixture.remote.bytesMoved() > 0);
            replace.run();
            replaced.countDown();
            return transfer.await(RemoteFixture.AWAIT);
        } finally {
            transfer.release();
        }
    }

    /** The failure of descriptor 0 only; descriptor 1 (the other object) has all its bytes. */
    static void assertOnlyTheReplacedObjectFailed(TransferStatus status, MemorySegment otherMemory, byte[] other) {
        assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(0);
        assertThat(status.failures().getFirst().cause()).isInstanceOf(ObjectChangedException.class)
                .hasMessageContaining("object changed during download");
        assertThat(RemoteFixture.bytes(otherMemory)).isEqualTo(other);
    }

    /** Each task's share of memory holds the old version or is untouched: never a byte of the new one. */
    static void assertNoByteOfTheNewVersion(MemorySegment memory, byte[] old) {
        byte[] read = RemoteFixture.bytes(memory);
        byte[] untouched = new byte[TASK];
        Arrays.fill(untouched, (byte) 0x5A);
        for (int first = 0; first < read.length; first += TASK) {
            int end = Math.min(read.length, first + TASK);
            byte[] piece = Arrays.copyOfRange(read, first, end);
            byte[] expected = Arrays.copyOfRange(old, first, end);
            byte[] empty = Arrays.copyOf(untouched, end - first);
            assertThat(piece).as("bytes " + first + "-" + (end - 1))
                    .satisfiesAnyOf(p -> assertThat(p).isEqualTo(expected), p -> assertThat(p).isEqualTo(empty));
        }
    }

    @ParameterizedTest(name = "{0}, ETags {1}, preconditions checked {2}")
    @MethodSource("enginesAndServers")
    void shouldFailTheReadOfAnObjectReplacedInTheMiddleOfIt(String engine, boolean etags, boolean preconditions) {
        try (FaultyHttpServer server = FaultyHttpServer.start().sendEtags(etags).checkPreconditions(preconditions);
             RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            server.put("/a.bin", OLD).put("/b.bin", OTHER);
            RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString());
            RemoteObject other = fixture.remote.open(server.uri("/b.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(SIZE);
            MemorySegment otherMemory = fixture.sentinelMemory(SIZE);

            TransferStatus status = readWhileReplaced(fixture, server, object, other, memory, otherMemory,
                    () -> server.put("/a.bin", NEW));

            assertOnlyTheReplacedObjectFailed(status, otherMemory, OTHER);
            assertNoByteOfTheNewVersion(memory, OLD);
            assertThat(fixture.remote.retries()).as("a change is not retried").isZero();
            String condition = etags ? "If-Match" : "If-Unmodified-Since";
            assertThat(server.requests()).filteredOn(r -> r.method().equals("GET")).allMatch(r -> r.header(condition) != null);
        }
    }

    @Test
    void shouldFailAReadWhenTheServerStatesAnotherSizeThanTheOneTheObjectWasOpenedWith() {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            server.put("/a.bin", OLD);
            RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString(), SIZE + 1L);
            MemorySegment memory = fixture.sentinelMemory(1000);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));

            assertThat(status.failures().getFirst().cause()).isInstanceOf(ObjectChangedException.class)
                    .hasMessageContaining("its size is now " + SIZE + " bytes, not " + (SIZE + 1));
        }
    }

    @Test
    void shouldTieAnObjectOpenedWithAKnownSizeToTheVersionItsFirstAnswerShows() {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            server.put("/a.bin", OLD);
            RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString(), SIZE);
            MemorySegment memory = fixture.sentinelMemory(SIZE);
            fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
            server.put("/a.bin", NEW);

            TransferStatus again = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(OLD);
            assertThat(again.failures().getFirst().cause()).isInstanceOf(ObjectChangedException.class);
            assertThat(server.requests()).filteredOn(r -> r.method().equals("GET")).extracting(RecordedRequest::method)
                    .hasSizeGreaterThan(5);
        }
    }
}
