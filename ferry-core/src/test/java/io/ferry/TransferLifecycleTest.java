package io.ferry;

import io.ferry.StubBackend.StubTarget;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Agent and the Transfer alone, over {@link StubBackend}: states and their counts, failures
 * named per descriptor with nothing else touched, cancel, repost, retarget, release, admission, and
 * the checks made before anything starts.
 */
class TransferLifecycleTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final Arena arena = Arena.ofShared();
    private Agent agent = Agent.create();
    private StubBackend stub = agent.attach(context -> new StubBackend("stub", context));

    @AfterEach
    void close() {
        agent.close();
        arena.close();
    }

    private MemorySegment filled(int size, int seed) {
        MemorySegment memory = arena.allocate(size);
        for (int i = 0; i < size; i++) {
            memory.set(JAVA_BYTE, i, (byte) (seed + i * 31));
        }
        return memory;
    }

    private static byte[] bytes(MemorySegment memory) {
        return memory.toArray(JAVA_BYTE);
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    @Test
    void shouldWriteThenReadBackEveryByteAndCountTheStates() {
        StubTarget target = stub.target("a", 8192);
        MemorySegment out = filled(4096, 7);
        MemorySegment in = arena.allocate(4096);
        Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(out, target, 1000)));
        assertThat(write.state()).isEqualTo(TransferState.PREPARED);
        assertThat(agent.transferCount(TransferState.PREPARED)).isEqualTo(1);

        write.post();
        assertThat(write.state()).isEqualTo(TransferState.POSTED);
        assertThat(write.await(AWAIT).state()).isEqualTo(TransferState.DONE);
        Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(in, target, 1000)));
        read.post();

        assertThat(read.await(AWAIT).isDone()).isTrue();
        assertThat(bytes(in)).isEqualTo(bytes(out));
        assertThat(slice(target.bytes, 0, 1000)).as("nothing before the range").containsOnly(0);
        assertThat(agent.transferCount(TransferState.DONE)).isEqualTo(2);
        assertThat(agent.transferCount(TransferState.PREPARED)).isZero();
        assertThat(agent.transferCount(TransferState.IN_PROGRESS)).isZero();
    }

    @Test
    void shouldNameTheFailedDescriptorAndCompleteTheOthers() {
        StubTarget target = stub.target("a", 3 * 4096);
        target.failAt(4096 + 5);
        MemorySegment[] memory = {filled(4096, 1), filled(4096, 2), filled(4096, 3)};
        Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory[0], target, 0),
                Descriptor.of(memory[1], target, 4096), Descriptor.of(memory[2], target, 8192)));

        write.post();
        TransferStatus status = write.await(AWAIT);

        assertThat(status.state()).isEqualTo(TransferState.FAILED);
        assertThat(status.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.index()).isEqualTo(1);
            assertThat(failure.targetOffset()).isEqualTo(4096);
            assertThat(failure.length()).isEqualTo(4096);
            assertThat(failure.target()).isEqualTo("stub a");
            assertThat(failure.cause().errorCode()).isEqualTo(ErrorCode.IO_ERROR);
        });
        assertThat(slice(target.bytes, 0, 4096)).isEqualTo(bytes(memory[0]));
        assertThat(slice(target.bytes, 4096, 4096)).as("the failed range is untouched").containsOnly(0);
        assertThat(slice(target.bytes, 8192, 4096)).isEqualTo(bytes(memory[2]));
        assertThatThrownBy(status::throwIfFailed).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.getMessage()).contains("descriptor 1", "injected failure"));
    }

    @Test
    void shouldNumberFailuresInTheTransferWhenItSpansTwoBackends() {
        StubBackend other = agent.attach(context -> new StubBackend("other", context));
        StubTarget here = stub.target("here", 4096);
        StubTarget there = other.target("there", 4096);
        there.failAt(0);
        MemorySegment in = arena.allocate(4096);
        MemorySegment untouched = arena.allocate(4096);

        Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(in, here, 0), Descriptor.of(untouched, there, 0)));
        read.post();
        TransferStatus status = read.await(AWAIT);

        assertThat(status.state()).isEqualTo(TransferState.FAILED);
        assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(1);
        assertThat(bytes(untouched)).containsOnly(0);
    }

    @Test
    void shouldCancelATransferInFlightAndTouchNothing() {
        StubTarget target = stub.target("a", 4096);
        target.hold();
        MemorySegment in = filled(4096, 9);
        byte[] before = bytes(in);
        Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(in, target, 0)));
        read.post();
        agent.poll();
        assertThat(read.state()).isEqualTo(TransferState.POSTED);

        read.cancel();
        TransferStatus status = read.await(AWAIT);

        assertThat(status.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(status.failures()).singleElement()
                .satisfies(f -> assertThat(f.cause().errorCode()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(bytes(in)).isEqualTo(before);
    }

    @Test
    void shouldTimeOutAnAwaitAndLeaveTheTransferInFlight() {
        StubTarget target = stub.target("a", 4096);
        target.hold();
        Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(4096), target, 0)));
        read.post();

        assertThatThrownBy(() -> read.await(Duration.ofMillis(50))).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TIMED_OUT));
        assertThat(read.state()).isEqualTo(TransferState.POSTED);
        target.letGo();
        assertThat(read.await(AWAIT).isDone()).isTrue();
    }

    @Test
    void shouldRefuseToPostRetargetOrReleaseWhileInFlightAndPostAgainAfter() {
        StubTarget target = stub.target("a", 8192);
        target.hold();
        MemorySegment out = filled(4096, 4);
        Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(out, target, 0)));
        write.post();

        assertThatThrownBy(write::post).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
        assertThatThrownBy(() -> write.retarget(0, 4096)).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
        assertThatThrownBy(write::release).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
        target.letGo();
        assertThat(write.await(AWAIT).isDone()).isTrue();

        write.retarget(0, 4096);
        write.post();
        assertThat(write.await(AWAIT).isDone()).isTrue();
        assertThat(slice(target.bytes, 4096, 4096)).isEqualTo(bytes(out));
        write.release();
        assertThat(write.state()).isEqualTo(TransferState.RELEASED);
        assertThatThrownBy(write::post).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED));
    }

    @Test
    void shouldRefuseRetargetsThatAreNegativeOrOverflow() {
        Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(filled(4096, 1), stub.target("a", 4096), 0)));

        assertThatThrownBy(() -> write.retarget(0, -1)).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.OUT_OF_RANGE));
        assertThatThrownBy(() -> write.retarget(0, Long.MAX_VALUE - 100)).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e).hasMessageContaining("overflows"));
        assertThat(write.targetOffset(0)).as("a refused retarget changes nothing").isZero();
    }

    @Test
    void shouldAdmitNoMoreTransfersThanTheLimitAndStartNothingOfARefusedOne() {
        agent.close();
        agent = Agent.create(Settings.builder().set(CoreSettings.MAX_TRANSFERS_IN_FLIGHT, 1).build());
        stub = agent.attach(context -> new StubBackend("stub", context));
        StubTarget target = stub.target("a", 4096);
        target.hold();
        Transfer first = agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(4096), target, 0)));
        Transfer second = agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(4096), target, 0)));
        first.post();

        assertThatThrownBy(second::post).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUEUE_FULL));
        assertThat(second.state()).isEqualTo(TransferState.PREPARED);
        target.letGo();
        assertThat(first.await(AWAIT).isDone()).isTrue();
        second.post();
        assertThat(second.await(AWAIT).isDone()).isTrue();
    }

    @Test
    void shouldRefuseFreedMemoryClosedTargetsAndForeignTargetsBeforeAnythingStarts() {
        StubTarget target = stub.target("a", 4096);
        Arena freed = Arena.ofConfined();
        MemorySegment gone = freed.allocate(4096);
        Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(4096), target, 0),
                Descriptor.of(gone, target, 0)));
        freed.close();

        assertThatThrownBy(read::post).isInstanceOfSatisfying(FerryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED);
            assertThat(e).hasMessageContaining("descriptor 1");
        });
        assertThat(read.state()).isEqualTo(TransferState.PREPARED);

        StubTarget closed = stub.target("closed", 4096);
        closed.close();
        assertThatThrownBy(() -> agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(4096), closed, 0))))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e).hasMessageContaining("stub closed is closed"));

        try (Agent elsewhere = Agent.create()) {
            StubTarget foreign = elsewhere.attach(context -> new StubBackend("stub", context)).target("foreign", 4096);
            assertThatThrownBy(() -> agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(4096), foreign, 0))))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e).hasMessageContaining("does not belong to a backend of this agent");
                    });
        }
    }

    @Test
    void shouldRefuseEverythingOnceTheAgentIsClosed() {
        Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(16), stub.target("a", 16), 0)));
        agent.close();

        assertThatThrownBy(read::post).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED));
        assertThatThrownBy(() -> agent.prepare(TransferOp.READ, List.of(Descriptor.of(arena.allocate(16), stub.target("b", 16), 0))))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e).hasMessageContaining("agent is closed"));
    }
}
