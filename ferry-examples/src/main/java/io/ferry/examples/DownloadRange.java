package io.ferry.examples;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** Downloads a byte range of an http(s) or s3 object into memory with the remote backend. */
public final class DownloadRange {
    private DownloadRange() {
    }

    /** {@code java --enable-native-access=ALL-UNNAMED io.ferry.examples.DownloadRange URL OFFSET LENGTH > part.bin} */
    public static void main(String[] args) {
        byte[] bytes = download(args[0], Long.parseLong(args[1]), Integer.parseInt(args[2]));
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
    }

    /** The {@code length} bytes of the object at {@code url} from {@code offset}. */
    public static byte[] download(String url, long offset, int length) {
        try (Arena arena = Arena.ofConfined();
             Agent agent = Agent.create()) {
            RemoteBackend objects = agent.attach(RemoteBackend.factory()); // multiplexed engine, polled
            RemoteObject object = objects.open(url);                      // asks for the size (HEAD)
            MemorySegment memory = arena.allocate(length);
            // Long ranges are split into requests of TASK_SIZE over several keep-alive connections.
            try (Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, offset)))) {
                read.post();
                read.await().throwIfFailed();                             // polls the agent on this thread
            }
            return memory.toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
