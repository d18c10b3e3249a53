package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Target;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.internal.IoErrors;
import io.ferry.poll.IdleStrategy;
import io.ferry.settings.MemoryBudget;
import io.ferry.settings.Sizes;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies one target into another (a file or a remote object into a file, a device or a stream)
 * through the transfer API: native buffers cycle through read-then-write, so reads of later blocks
 * overlap writes of earlier ones. Memory is sized by the data: {@link #buffers} buffers of
 * {@link #bufferBytes} each, never more than the data fills and never more than the memory budget.
 * Progress is driven on the calling thread.
 *
 * <p>Into a destination written at offsets, the buffers go in pairs, lanes: a lane reads
 * {@link #laneBytes} of the source block after block, one buffer filling while the other is written,
 * before it takes the next stretch. A remote object opened for sequential reads then reads a lane in
 * one request through small buffers. An in-order destination takes the blocks one by one (lanes
 * would make the later ones wait for the first).
 */
final class BlockCopy {
    /** The smallest {@code --bs}; buffers are multiples of it, as direct I/O needs. */
    static final long MIN_BLOCK_BYTES = 4096;
    /** The largest {@code --bs}. */
    static final long MAX_BLOCK_BYTES = 1L << 30;
    /** The largest {@code --slots}. */
    static final int MAX_SLOTS = 1024;

    /** The buffers of one lane. */
    private static final int SLOTS_PER_LANE = 2;
    /** How long a failed copy waits for its transfers still in flight to end once cancelled. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final long size;
    private final int bufferBytes;
    private final int buffers;
    private final long laneBytes;
    private volatile boolean stopped;

    /**
     * Sizes the copy of {@code size} bytes: {@code min(slots, blocks of the data)} buffers of
     * {@code min(blockSize, size rounded up to 4k)} bytes.
     *
     * @throws FerryException {@link ErrorCode#INVALID_SETTING} naming {@code --bs} and {@code --slots}
     *         when the buffers would exceed the {@link MemoryBudget}
     */
    BlockCopy(long size, long blockSize, int slots) {
        this(size, blockSize, slots, blockSize);
    }

    /**
     * As {@link #BlockCopy(long, long, int)}, with lanes of {@code laneBytes} (rounded down to whole
     * buffers) into destinations written at offsets.
     */
    BlockCopy(long size, long blockSize, int slots, long laneBytes) {
        this.size = size;
        long rounded = (size + MIN_BLOCK_BYTES - 1) / MIN_BLOCK_BYTES * MIN_BLOCK_BYTES;
        this.bufferBytes = (int) Math.min(blockSize, rounded);
        this.laneBytes = bufferBytes == 0 ? 0 : Math.max(1, laneBytes / bufferBytes) * bufferBytes;
        this.buffers = bufferBytes == 0 ? 0 : (int) Math.min(slots, (size + bufferBytes - 1) / bufferBytes);
        MemoryBudget.check("--bs " + Sizes.format(blockSize) + " x " + buffers + " slots in use (--slots " + slots
                + ", for " + Sizes.formatRounded(size) + " of data)", (long) buffers * bufferBytes);
    }

    /** Checks {@code --bs} and {@code --slots} alone; the copy checks them against the data and the budget. */
    static void checkShape(CommandSpec spec, long blockSize, int slots) {
        if (blockSize < MIN_BLOCK_BYTES || blockSize > MAX_BLOCK_BYTES || blockSize % MIN_BLOCK_BYTES != 0) {
            throw Usage.error(spec, "--bs " + blockSize + ": must be a multiple of 4k between 4k and 1g");
        }
        if (slots < 1 || slots > MAX_SLOTS) {
            throw Usage.error(spec, "--slots " + slots + ": must be between 1 and " + MAX_SLOTS);
        }
    }

    /** The size of one buffer: at least 4k, never more than {@code --bs} or the data rounded up to 4k. */
    int bufferBytes() {
        return (int) Math.max(bufferBytes, MIN_BLOCK_BYTES);
    }

    /**
     * Copies the first {@code size} bytes of {@code source} to {@code destination}.
     *
     * @param idle how the calling thread waits when a poll of {@code agent} found nothing to do
     */
    void copy(Agent agent, IdleStrategy idle, Target source, BlockOutput destination, LongConsumer progress) {
        Arena arena = Arena.ofShared();
        Slot[] slots = new Slot[buffers];
        Lane lane = null;
        for (int s = 0; s < buffers; s++) {
            lane = s % SLOTS_PER_LANE == 0 ? new Lane() : lane;
            slots[s] = new Slot(lane);
        }
        boolean finished = false;
        try {
            copy(agent, idle, source, destination, progress, arena, slots);
            finished = true;
        } finally {
            if (finished || settle(slots)) {
                for (Slot slot : slots) {
                    slot.releaseTransfers();
                }
                arena.close();
            }
        }
    }

    /** Makes a copy in progress fail as cancelled at its next step, its transfers ended (any thread). */
    void stop() {
        stopped = true;
    }

    /**
     * Cancels the transfers a failure left in flight and waits for them, so that their buffers are
     * freed only once nothing reads or writes them any more (a read still arriving from a server,
     * a write the kernel still takes). True when all ended; false leaves the buffers allocated.
     */
    private static boolean settle(Slot[] slots) {
        for (Slot slot : slots) {
            if (slot.transfer != null) {
                slot.transfer.cancel();
            }
        }
        try {
            for (Slot slot : slots) {
                if (slot.transfer != null) {
                    slot.transfer.await(SETTLE_TIMEOUT);
                }
            }
            return true;
        } catch (FerryException e) {
            return false; // still in flight after the timeout: its memory must stay
        }
    }

    private void copy(Agent agent, IdleStrategy idle, Target source, BlockOutput destination, LongConsumer progress,
                      Arena arena, Slot[] slots) {
        long laneSpan = destination instanceof BlockOutput.AtOffsets ? laneBytes : bufferBytes;
        long next = 0;
        long nextInOrder = 0;
        long copied = 0;
        while (copied < size) {
            if (stopped) {
                throw new FerryException(ErrorCode.CANCELLED, "the copy was stopped");
            }
            int work = 0;
            boolean allocated = false; // one new buffer per round: the first read starts after one, not all
            for (Slot slot : slots) {
                if (slot.transfer == null && !slot.read && (slot.lane.next < slot.lane.end || next < size)
                        && (slot.buffer != null || !allocated)) {
                    if (slot.lane.next == slot.lane.end) {
                        slot.lane.next = next;
                        slot.lane.end = Math.min(size, next + laneSpan);
                        next = slot.lane.end;
                    }
                    allocated |= slot.takeBuffer(arena, bufferBytes);
                    slot.offset = slot.lane.next;
                    slot.lane.next += length(slot.offset);
                    slot.transfer = start(agent, TransferOp.READ, source, slot);
                    work++;
                } else if (slot.transfer != null && slot.transfer.state().isComplete()) {
                    slot.transfer.status().throwCauseIfFailed();
                    slot.transfer = null;
                    if (slot.read) {
                        slot.read = false;
                        copied += length(slot.offset);
                        progress.accept(copied);
                    } else {
                        slot.read = true;
                    }
                    work++;
                }
                if (slot.read && slot.transfer == null) {
                    switch (destination) {
                        case BlockOutput.AtOffsets target -> {
                            slot.transfer = start(agent, TransferOp.WRITE, target.target(), slot);
                            work++;
                        }
                        case BlockOutput.InOrder stream -> {
                            if (slot.offset == nextInOrder) {
                                int length = length(slot.offset);
                                write(stream, slot.buffer.asSlice(0, length).asByteBuffer());
                                nextInOrder += length;
                                copied += length;
                                slot.read = false;
                                progress.accept(copied);
                                work++;
                            }
                        }
                    }
                }
            }
            idle.idle(work + agent.poll(), agent.waiter());
        }
    }

    private static void write(BlockOutput.InOrder stream, ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                stream.channel().write(bytes);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "write to " + IoErrors.describe(stream.name(), e), e);
        }
    }

    private int length(long offset) {
        return (int) Math.min(bufferBytes, size - offset);
    }

    /**
     * Posts the slot's read or write of its block: the slot's transfer for that side moved to the
     * block's offset (retargeted, as fio reuses its I/O units), or a new one for the first block and
     * for a shorter last one. Preparing one per block cost every block a plan and its garbage.
     */
    private Transfer start(Agent agent, TransferOp op, Target target, Slot slot) {
        int length = length(slot.offset);
        Transfer transfer = op == TransferOp.READ ? slot.reader : slot.writer;
        if (transfer != null && transfer.descriptors().getFirst().length() == length) {
            transfer.retarget(0, slot.offset);
        } else {
            if (transfer != null) {
                transfer.release();
            }
            transfer = agent.prepare(op, List.of(Descriptor.of(slot.buffer, 0, length, target, slot.offset)));
            if (op == TransferOp.READ) {
                slot.reader = transfer;
            } else {
                slot.writer = transfer;
            }
        }
        transfer.post();
        return transfer;
    }

    /** A stretch of the source that slots read in turn, block after block: {@code next} up to {@code end}. */
    private static final class Lane {
        long next;
        long end;
    }

    /**
     * One buffer and where it is: reading (transfer, not read), read and waiting to be written (read,
     * no transfer), writing (read and transfer). {@code transfer} is the one in flight, the slot's
     * {@code reader} or {@code writer}, which it keeps from block to block.
     */
    private static final class Slot {
        final Lane lane;
        MemorySegment buffer;
        Transfer transfer;
        Transfer reader;
        Transfer writer;
        boolean read;
        long offset;

        Slot(Lane lane) {
            this.lane = lane;
        }

        /**
         * Allocates the buffer when the slot takes its first block, not all buffers before the first
         * read: a page touched for the first time costs about 0.6 ms per MiB on the VMs measured, so
         * a get's eight 16 MiB buffers held back its first request by 70-90 ms. True when it did.
         */
        boolean takeBuffer(Arena arena, int bytes) {
            if (buffer != null) {
                return false;
            }
            buffer = Memory.allocate(arena, bytes);
            return true;
        }

        /** Releases the transfers the slot kept; none may be in flight. */
        void releaseTransfers() {
            if (reader != null) {
                reader.release();
            }
            if (writer != null) {
                writer.release();
            }
        }
    }
}
