package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.device.BlockChannel;
import io.ferry.nvmf.device.BlockCompletion;
import io.ferry.nvmf.device.BlockDevice;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

import static org.assertj.core.api.Assertions.assertThat;

/** A failing device fails the command with a media status, is counted, and leaves the connection serving. */
class DeviceFailureTest {
    /** Every operation completes with -EIO (5) at the next poll; or opening a channel fails. */
    private static final class BrokenDevice implements BlockDevice {
        private final boolean refuseChannels;

        BrokenDevice(boolean refuseChannels) {
            this.refuseChannels = refuseChannels;
        }

        @Override
        public int blockSize() {
            return 512;
        }

        @Override
        public long blockCount() {
            return 1024;
        }

        @Override
        public boolean hasVolatileWriteCache() {
            return false;
        }

        @Override
        public String describe() {
            return "broken device";
        }

        @Override
        public BlockChannel openChannel(int depth, BlockCompletion completion) {
            if (refuseChannels) {
                throw new FerryException(ErrorCode.IO_ERROR, "the device is gone");
            }
            ArrayDeque<Long> pending = new ArrayDeque<>();
            return new BlockChannel() {
                private boolean fail(long tag) {
                    pending.add(tag);
                    return true;
                }

                @Override
                public boolean read(long lba, int blocks, MemorySegment memory, long offset, long tag) {
                    return fail(tag);
                }

                @Override
                public boolean write(long lba, int blocks, MemorySegment memory, long offset, long tag) {
                    return fail(tag);
                }

                @Override
                public boolean flush(long tag) {
                    return fail(tag);
                }

                @Override
                public boolean writeZeroes(long lba, long blocks, long tag) {
                    return fail(tag);
                }

                @Override
                public boolean deallocate(long lba, long blocks, long tag) {
                    return fail(tag);
                }

                @Override
                public int poll() {
                    int n = pending.size();
                    while (!pending.isEmpty()) {
                        completion.complete(pending.poll(), -5);
                    }
                    return n;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldFailCommandWithMediaStatusWhenDeviceFails() {
        try (Harness harness = new Harness(TargetOptions.defaults(), new BrokenDevice(false))) {
            harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 8);
            DataBuffer data = io.buffer(4096);
            assertThat(io.read(1, 0, 8, data, 4096).status()).isEqualTo(Status.UNRECOVERED_READ_ERROR);
            assertThat(io.write(1, 0, 8, data, 4096).status()).isEqualTo(Status.WRITE_FAULT);
            assertThat(io.execute((sqe, cid) -> HostCommands.flush(sqe, cid, 1)).status()).isEqualTo(Status.INTERNAL_ERROR);
            assertThat(harness.group.deviceErrors()).isEqualTo(3);
            assertThat(io.isClosed()).isFalse();
            assertThat(harness.queues.get(1).count(RequestState.FREE)).isEqualTo(8);
        }
    }

    @Test
    void shouldFailCommandWhenChannelCannotBeOpened() {
        try (Harness harness = new Harness(TargetOptions.defaults(), new BrokenDevice(true))) {
            harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 8);
            assertThat(io.read(1, 0, 8, io.buffer(4096), 4096).status()).isEqualTo(Status.INTERNAL_ERROR);
            assertThat(harness.group.deviceErrors()).isEqualTo(1);
            assertThat(io.isClosed()).isFalse();
        }
    }
}
