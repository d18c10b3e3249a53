package io.ferry.examples;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.runtime.FerryRuntime;
import io.ferry.runtime.TransferFutures;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Copies a file as {@link CopyFile} does, but poll threads of a runtime drive the agent and futures report. */
public final class CopyFileOnRuntime {
    private CopyFileOnRuntime() {
    }

    /** {@code java --enable-native-access=ALL-UNNAMED io.ferry.examples.CopyFileOnRuntime SOURCE DESTINATION} */
    public static void main(String[] args) throws Exception {
        copy(Path.of(args[0]), Path.of(args[1]));
    }

    /** Reads all of {@code source} into memory, then writes it to {@code destination}; waits at most a minute. */
    public static void copy(Path source, Path destination)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Arena arena = Arena.ofShared();                     // poll threads touch it: shared, closed last
             FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).build()) { // closes its agents
            Agent agent = runtime.newAgent();
            FileBackend files = agent.attach(FileBackend.factory());
            FileTarget in = files.open(source, OpenFlag.READ);
            FileTarget out = files.open(destination, OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE);
            MemorySegment buffer = Memory.allocate(arena, in.size());
            Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(buffer, in, 0)));
            Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(buffer, out, 0)));
            TransferFutures.postChecked(read)                     // fails with the failed descriptors
                    .thenComposeAsync(status -> TransferFutures.postChecked(write)) // not on a poll thread
                    .get(1, TimeUnit.MINUTES);
        }
    }
}
