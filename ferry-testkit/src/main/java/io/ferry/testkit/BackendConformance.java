package io.ferry.testkit;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every backend promises through the transfer API, written once: a backend's test extends
 * this class and says how to make an agent with the backend and a target that holds given bytes
 * (a file, an object on a real server, a namespace). Reads are checked byte for byte in native and
 * heap memory, at odd offsets and lengths; a descriptor past the end fails alone (at prepare, post
 * or completion, as the backend finds out) and nothing outside the ranges is touched; transfers
 * are posted again and retargeted; a closed target is refused by name.
 */
public abstract class BackendConformance {
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final byte SENTINEL = (byte) 0xA5;
    /** Not a multiple of any block size, so the last block of the target is partial. */
    protected static final int SIZE = (1 << 20) + 12_345;

    protected final byte[] content = randomBytes(SIZE, 20261206);
    private final Arena arena = Arena.ofShared();
    private Agent agent;

    /** A new agent with the backend under test attached, driven by its caller or by its own threads. */
    protected abstract Agent newAgent();

    /** A target of the backend of {@code agent}, open for reading, that holds exactly {@code bytes}. */
    protected abstract Target readableTarget(Agent agent, byte[] bytes) throws Exception;

    @BeforeEach
    final void startAgent() {
        agent = newAgent();
    }

    @AfterEach
    final void closeAgent() {
        if (agent != null) {
            agent.close();
        }
        arena.close();
    }

    @Test
    void shouldReadOddRangesIntoNativeAndHeapMemoryByteForByte() throws Exception {
        Target target = readableTarget(agent, content);
        long[][] ranges = {{0, 1}, {1, 4095}, {4095, 4097}, {65_536, 65_536}, {123_457, 300_001}, {SIZE - 7, 7}, {0, SIZE}};
        List<Descriptor> descriptors = new ArrayList<>();
        List<MemorySegment> memory = new ArrayList<>();
        for (int i = 0; i < ranges.length; i++) {
            MemorySegment landing = i % 2 == 0 ? sentinel(arena.allocate(ranges[i][1] + 64, 4096))
                    : sentinel(MemorySegment.ofArray(new byte[(int) ranges[i][1] + 64]));
            memory.add(landing);
            descriptors.add(Descriptor.of(landing, 32, ranges[i][1], target, ranges[i][0]));
        }

        TransferStatus status = run(descriptors);

        assertTrue(status.isDone(), status::toString);
        for (int i = 0; i < ranges.length; i++) {
            assertLanded(memory.get(i), (int) ranges[i][0], (int) ranges[i][1], "range " + i);
        }
    }

    @Test
    void shouldReadManyDescriptorsInOneTransfer() throws Exception {
        Target target = readableTarget(agent, content);
        int count = 64;
        int length = 4096 + 13;
        MemorySegment memory = sentinel(arena.allocate((long) count * (length + 64)));
        List<Descriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            descriptors.add(Descriptor.of(memory, (long) i * (length + 64) + 32, length, target, (long) (count - 1 - i) * length));
        }

        TransferStatus status = run(descriptors);

        assertTrue(status.isDone(), status::toString);
        for (int i = 0; i < count; i++) {
            assertLanded(memory.asSlice((long) i * (length + 64), length + 64), (count - 1 - i) * length, length, "descriptor " + i);
        }
    }

    @Test
    void shouldFailOnlyTheDescriptorThatGoesPastTheEnd() throws Exception {
        Target target = readableTarget(agent, content);
        MemorySegment inside = sentinel(arena.allocate(4096 + 64));
        MemorySegment beyond = sentinel(arena.allocate(8192 + 64));
        List<Descriptor> descriptors = List.of(Descriptor.of(inside, 32, 4096, target, 8192),
                Descriptor.of(beyond, 32, 8192, target, SIZE - 4096));

        try (Transfer transfer = agent.prepare(TransferOp.READ, descriptors)) {
            transfer.post();
            TransferStatus status = transfer.await(AWAIT);
            assertEquals(TransferState.FAILED, status.state(), status::toString);
            assertEquals(1, status.failures().size(), status::toString);
            assertEquals(1, status.failures().getFirst().index(), status::toString);
            assertLanded(inside, 8192, 4096, "the descriptor inside the target");
        } catch (FerryException refused) {
            // Found out before anything started: it names the descriptor and touched nothing.
            assertTrue(refused.getMessage().contains("descriptor 1"), refused::getMessage);
            assertEquals(ErrorCode.OUT_OF_RANGE, refused.errorCode(), refused::getMessage);
            assertUntouched(inside, 0, inside.byteSize());
        }
        assertUntouched(beyond, 0, 32);
        assertUntouched(beyond, 32 + 8192, 64 - 32);
    }

    @Test
    void shouldPostAgainAndFollowARetarget() throws Exception {
        Target target = readableTarget(agent, content);
        MemorySegment memory = sentinel(arena.allocate(70_000 + 64));
        try (Transfer transfer = agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, 32, 70_000, target, 1)))) {
            transfer.post();
            assertTrue(transfer.await(AWAIT).isDone());
            assertLanded(memory, 1, 70_000, "first post");

            transfer.retarget(0, 500_003);
            transfer.post();
            assertTrue(transfer.await(AWAIT).isDone());
            assertLanded(memory, 500_003, 70_000, "after the retarget");
        }
    }

    @Test
    void shouldRefuseAClosedTargetByName() throws Exception {
        Target target = readableTarget(agent, content);
        MemorySegment memory = arena.allocate(4096);
        try (Transfer transfer = agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, target, 0)))) {
            target.close();
            FerryException e = assertThrows(FerryException.class, transfer::post);
            assertEquals(ErrorCode.CLOSED, e.errorCode(), e::getMessage);
        }
        FerryException e = assertThrows(FerryException.class,
                () -> agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, target, 0))));
        assertTrue(e.getMessage().contains(target.describe()), e::getMessage);
    }

    private TransferStatus run(List<Descriptor> descriptors) {
        try (Transfer transfer = agent.prepare(TransferOp.READ, descriptors)) {
            transfer.post();
            return transfer.await(AWAIT);
        }
    }

    private static MemorySegment sentinel(MemorySegment memory) {
        return memory.fill(SENTINEL);
    }

    /** {@code memory} holds the target's {@code [offset, offset + length)} at 32, sentinels around it. */
    private void assertLanded(MemorySegment memory, int offset, int length, String what) {
        byte[] landed = memory.asSlice(32, length).toArray(JAVA_BYTE);
        if (!Arrays.equals(landed, 0, length, content, offset, offset + length)) {
            fail(what + ": the bytes differ from the target's at offset " + offset);
        }
        assertUntouched(memory, 0, 32);
        assertUntouched(memory, 32 + length, memory.byteSize() - 32 - length);
    }

    private static void assertUntouched(MemorySegment memory, long from, long length) {
        for (long i = from; i < from + length; i++) {
            if (memory.get(JAVA_BYTE, i) != SENTINEL) {
                fail("byte " + i + " outside the ranges was written");
            }
        }
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
