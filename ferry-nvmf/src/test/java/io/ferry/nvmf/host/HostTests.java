package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/** What the host's tests share: memory of seeded random bytes, and a transfer run to its end. */
final class HostTests {
    private HostTests() {
    }

    /** {@code bytes} random bytes from {@code seed}, in 4 KiB-aligned memory of {@code arena}. */
    static MemorySegment random(Arena arena, int bytes, long seed) {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        MemorySegment memory = arena.allocate(bytes, 4096);
        MemorySegment.copy(data, 0, memory, ValueLayout.JAVA_BYTE, 0, bytes);
        return memory;
    }

    /** Prepares, posts and awaits (one minute at most) one transfer; throws its failure. */
    static void run(Agent agent, TransferOp op, List<Descriptor> descriptors) {
        try (Transfer transfer = agent.prepare(op, descriptors)) {
            transfer.post();
            transfer.await(Duration.ofSeconds(60)).throwIfFailed();
        }
    }
}
