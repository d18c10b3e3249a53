package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;

/**
 * Routes a command ready to run: Fabrics commands, then (once connected) admin commands on queue 0
 * and NVM I/O commands on the others. Returns {@link Request#DONE}, {@link Request#PENDING} or
 * {@link Request#RETRY}; errors are statuses, never exceptions.
 */
final class Commands {
    private Commands() {
    }

    static int execute(QueuePair queue, Request r) {
        int opcode = Sqe.opcode(r.sqe);
        if (Sqe.fuse(r.sqe) != 0) {
            return r.fail(Status.INVALID_FIELD);
        }
        if (opcode == Opcode.FABRICS) {
            return FabricsCommands.execute(queue, r);
        }
        if (!queue.isConnected()) {
            return r.fail(Status.COMMAND_SEQUENCE_ERROR);
        }
        return queue.isAdmin() ? AdminCommands.execute(queue, r) : IoCommands.execute(queue, r);
    }
}
