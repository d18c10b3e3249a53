package io.ferry.file.engine;

import io.ferry.spi.IoQueue;

import java.util.HashMap;
import java.util.Map;

/** Runs a list of operations through one queue to the end: enqueue while there is room, submit, reap. */
final class QueueDriver {
    /** One operation on memory inside engine buffer {@code buffer} (-1: none); {@code userData} is its index in the list. */
    record Op(int opcode, int fd, long fileOffset, long address, int length, int buffer) {
        Op(int opcode, int fd, long fileOffset, long address, int length) {
            this(opcode, fd, fileOffset, address, length, -1);
        }
    }

    private QueueDriver() {
    }

    /** Results by userData (the operation's index); fails the test if the queue stops making progress. */
    static Map<Long, Long> run(IoQueue queue, Op... ops) {
        Map<Long, Long> results = new HashMap<>();
        int next = 0;
        int idle = 0;
        while (results.size() < ops.length) {
            int work = 0;
            while (next < ops.length) {
                Op op = ops[next];
                if (!queue.enqueue(op.opcode(), op.fd(), op.fileOffset(), op.address(), op.length(), op.buffer(), next)) {
                    break;
                }
                next++;
                work++;
            }
            work += queue.submit();
            work += queue.reap((userData, result) -> {
                if (results.put(userData, result) != null) {
                    throw new AssertionError("operation " + userData + " completed twice");
                }
            });
            idle = work == 0 ? idle + 1 : 0;
            if (idle > 10_000_000) {
                throw new AssertionError("queue made no progress; " + results.size() + " of " + ops.length + " done");
            }
        }
        return results;
    }
}
