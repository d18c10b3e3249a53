package io.ferry.nvmf.target;

import io.ferry.nvmf.device.BlockChannel;
import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.Le;

/**
 * NVM I/O commands (nvme-tcp-notes.md §6): Read, Write, Flush, Write Zeroes and Dataset Management
 * (deallocate), checked as SPDK checks them (active namespace, enabled controller, LBA range,
 * data length against the SGL) and submitted to the poll group's channel of the namespace's
 * device. Nothing is allocated; a full device queue or a paused subsystem means "try again".
 */
final class IoCommands {
    /** Dataset Management range: context attributes u32 @0, length in blocks u32 @4, starting LBA u64 @8. */
    private static final int RANGE_LENGTH = 16;
    private static final int RANGE_BLOCKS = 4;
    private static final int RANGE_SLBA = 8;
    /** Dataset Management CDW11 bit 2: deallocate. */
    private static final int DSM_DEALLOCATE = 0x4;
    /** Write Zeroes CDW12 bit 25: deallocate (refused, as SPDK does). */
    private static final int WRITE_ZEROES_DEALLOCATE = 1 << 25;

    private IoCommands() {
    }

    static int execute(QueuePair queue, Request r) {
        Controller controller = queue.controller();
        if (!controller.isEnabled()) {
            return r.fail(Status.COMMAND_SEQUENCE_ERROR);
        }
        Subsystem subsystem = controller.subsystem();
        Namespace namespace = subsystem.namespace(Sqe.nsid(r.sqe));
        if (namespace == null) {
            return r.fail(Status.INVALID_NAMESPACE);
        }
        if (subsystem.isPaused()) {
            return Request.RETRY;
        }
        BlockChannel channel = queue.group().channel(namespace);
        if (channel == null) {
            return r.fail(Status.INTERNAL_ERROR);
        }
        long tag = queue.group().tag(queue, r);
        long capacity = namespace.device().blockCount();
        int opcode = Sqe.opcode(r.sqe);
        boolean submitted;
        switch (opcode) {
            case Opcode.IO_READ, Opcode.IO_WRITE -> {
                long slba = Sqe.slba(r.sqe);
                int blocks = Sqe.blocks(r.sqe);
                if (!inRange(slba, blocks, capacity)) {
                    return r.fail(Status.LBA_OUT_OF_RANGE);
                }
                long bytes = (long) blocks * namespace.device().blockSize();
                if (bytes > r.length || r.data == null) {
                    return r.fail(Status.DATA_SGL_LENGTH_INVALID);
                }
                r.c2hLength = opcode == Opcode.IO_READ ? (int) bytes : 0;
                submitted = opcode == Opcode.IO_READ
                        ? channel.read(slba, blocks, r.data.memory(), 0, tag)
                        : channel.write(slba, blocks, r.data.memory(), 0, tag);
            }
            case Opcode.IO_FLUSH -> submitted = channel.flush(tag);
            case Opcode.IO_WRITE_ZEROES -> {
                long slba = Sqe.slba(r.sqe);
                int blocks = Sqe.blocks(r.sqe);
                if ((Sqe.cdw(r.sqe, Sqe.CDW12) & WRITE_ZEROES_DEALLOCATE) != 0) {
                    return r.fail(Status.INVALID_FIELD);
                }
                if (!inRange(slba, blocks, capacity)) {
                    return r.fail(Status.LBA_OUT_OF_RANGE);
                }
                submitted = channel.writeZeroes(slba, blocks, tag);
            }
            case Opcode.IO_DATASET_MANAGEMENT -> {
                return datasetManagement(r, channel, tag, capacity);
            }
            default -> {
                return r.fail(Status.INVALID_OPCODE);
            }
        }
        if (!submitted) {
            return Request.RETRY;
        }
        r.deviceOps++;
        return Request.PENDING;
    }

    private static boolean inRange(long slba, long blocks, long capacity) {
        return slba >= 0 && slba < capacity && blocks <= capacity - slba;
    }

    /** Deallocates the ranges one after the other, from {@link Request#nextRange}; other attributes are a no-op. */
    private static int datasetManagement(Request r, BlockChannel channel, long tag, long capacity) {
        int ranges = (Sqe.cdw(r.sqe, Sqe.CDW10) & 0xFF) + 1;
        if ((long) ranges * RANGE_LENGTH > r.length || r.data == null) {
            return r.fail(Status.DATA_SGL_LENGTH_INVALID);
        }
        if ((Sqe.cdw(r.sqe, Sqe.CDW11) & DSM_DEALLOCATE) == 0) {
            return r.succeed(0, 0);
        }
        if (r.nextRange == 0) {
            for (int i = 0; i < ranges; i++) {
                if (!inRange(rangeStart(r, i), rangeBlocks(r, i), capacity)) {
                    return r.fail(Status.LBA_OUT_OF_RANGE);
                }
            }
        }
        for (int i = r.nextRange; i < ranges; i++) {
            long blocks = rangeBlocks(r, i);
            if (blocks == 0) {
                continue;
            }
            if (!channel.deallocate(rangeStart(r, i), blocks, tag)) {
                r.nextRange = i;
                return Request.RETRY;
            }
            r.nextRange = i + 1;
            r.deviceOps++;
            return Request.PENDING;
        }
        return r.succeed(0, 0);
    }

    private static long rangeStart(Request r, int i) {
        return Le.i64(r.data.view(), i * RANGE_LENGTH + RANGE_SLBA);
    }

    private static long rangeBlocks(Request r, int i) {
        return Le.u32(r.data.view(), i * RANGE_LENGTH + RANGE_BLOCKS);
    }

    /** A device operation of {@code r} completed with {@code status} (0 or -errno). */
    static void completed(QueuePair queue, Request r, int status) {
        int opcode = Sqe.opcode(r.sqe);
        if (status != 0) {
            queue.group().deviceFailed(() -> describe(queue, r), -status);
            r.fail(opcode == Opcode.IO_READ ? Status.UNRECOVERED_READ_ERROR
                    : opcode == Opcode.IO_WRITE ? Status.WRITE_FAULT : Status.INTERNAL_ERROR);
        } else if (opcode == Opcode.IO_DATASET_MANAGEMENT && !queue.isClosed()) {
            queue.again(r);
            return;
        } else {
            r.status = Status.SUCCESS;
            if (opcode == Opcode.IO_READ || opcode == Opcode.IO_WRITE) {
                queue.group().ioCompleted(opcode == Opcode.IO_READ ? r.c2hLength : r.length);
            }
        }
        queue.finished(r);
    }

    /** For the log: "read of blocks 96-103 of namespace 1 of NQN". */
    private static String describe(QueuePair queue, Request r) {
        int opcode = Sqe.opcode(r.sqe);
        String what = switch (opcode) {
            case Opcode.IO_READ -> "read";
            case Opcode.IO_WRITE -> "write";
            case Opcode.IO_FLUSH -> "flush";
            case Opcode.IO_WRITE_ZEROES -> "write zeroes";
            default -> "deallocate";
        };
        String blocks = opcode == Opcode.IO_FLUSH || opcode == Opcode.IO_DATASET_MANAGEMENT ? ""
                : " of blocks " + Sqe.slba(r.sqe) + "-" + (Sqe.slba(r.sqe) + Sqe.blocks(r.sqe) - 1);
        Controller controller = queue.controller();
        return what + blocks + " of namespace " + Sqe.nsid(r.sqe)
                + (controller == null ? "" : " of " + controller.subsystem().nqn());
    }
}
