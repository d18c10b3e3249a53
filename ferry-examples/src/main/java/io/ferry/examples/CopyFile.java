package io.ferry.examples;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/** Copies a file through native memory with an agent that the calling thread drives. */
public final class CopyFile {
    private CopyFile() {
    }

    /** {@code java --enable-native-access=ALL-UNNAMED io.ferry.examples.CopyFile SOURCE DESTINATION} */
    public static void main(String[] args) {
        copy(Path.of(args[0]), Path.of(args[1]));
    }

    /** Reads all of {@code source} into memory, then writes it to {@code destination}. */
    public static void copy(Path source, Path destination) {
        try (Arena arena = Arena.ofConfined();                   // closed last: memory outlives the agent
             Agent agent = Agent.create()) {                      // driven by this thread (INVOKER)
            FileBackend files = agent.attach(FileBackend.factory());
            FileTarget in = files.open(source, OpenFlag.READ);
            FileTarget out = files.open(destination, OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE);
            MemorySegment buffer = Memory.allocate(arena, in.size()); // native, 4096-aligned
            run(agent, agent.prepare(TransferOp.READ, List.of(Descriptor.of(buffer, in, 0))));
            run(agent, agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(buffer, out, 0))));
        }                                                         // closes the files, then the memory
    }

    /** Posts the transfer and polls the agent until it completes; throws if a descriptor failed. */
    private static void run(Agent agent, Transfer transfer) {
        IdleStrategy idle = new BackoffIdleStrategy();
        try (transfer) {
            transfer.post();
            while (!transfer.state().isComplete()) {
                idle.idle(agent.poll(), agent.waiter());         // waits only when a poll did nothing
            }
            transfer.status().throwIfFailed();                    // names each failed descriptor
        }
    }
}
