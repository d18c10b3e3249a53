package io.ferry;

import io.ferry.poll.Component;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendContext;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A backend for tests of the Agent and the Transfer alone: its targets are byte arrays, and a
 * post's I/O runs at the next poll of its one component. A target can fail the I/O that touches
 * one offset, and can hold every post until it is let go, so that a test sees a transfer in flight
 * for as long as it needs.
 */
final class StubBackend implements Backend {
    private final String name;
    private final Queue<StubTransfer> posted = new ConcurrentLinkedQueue<>();

    StubBackend(String name, BackendContext context) {
        this.name = name;
    }

    /** A target of {@code size} bytes, all zero. */
    StubTarget target(String targetName, int size) {
        return new StubTarget(this, targetName, new byte[size]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean owns(Target target) {
        return target instanceof StubTarget stub && stub.backend == this;
    }

    @Override
    public BackendTransfer prepare(TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
        return new StubTransfer(op, descriptors, progress);
    }

    @Override
    public List<Component> components() {
        return List.of(Component.of(name, this::poll));
    }

    /** Runs the I/O of every post whose targets are not held; the work done. */
    private int poll() {
        int work = 0;
        for (int i = posted.size(); i > 0; i--) {
            StubTransfer transfer = posted.poll();
            if (transfer.isHeld() && !transfer.progress.isCancelRequested()) {
                posted.add(transfer);
            } else {
                transfer.run();
                work++;
            }
        }
        return work;
    }

    @Override
    public void close() {
    }

    static final class StubTarget implements Target {
        private final StubBackend backend;
        private final String name;
        final byte[] bytes;
        private volatile long failingOffset = -1;
        private volatile boolean held;
        private volatile boolean open = true;

        private StubTarget(StubBackend backend, String name, byte[] bytes) {
            this.backend = backend;
            this.name = name;
            this.bytes = bytes;
        }

        /** I/O that touches {@code offset} fails with {@link ErrorCode#IO_ERROR}. */
        void failAt(long offset) {
            failingOffset = offset;
        }

        /** Posts that use this target wait until {@link #letGo()} (or a cancel). */
        void hold() {
            held = true;
        }

        void letGo() {
            held = false;
        }

        @Override
        public String describe() {
            return "stub " + name;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private final class StubTransfer implements BackendTransfer {
        private final TransferOp op;
        private final List<Descriptor> descriptors;
        private final TransferProgress progress;

        StubTransfer(TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
            this.op = op;
            this.descriptors = descriptors;
            this.progress = progress;
        }

        boolean isHeld() {
            return descriptors.stream().anyMatch(d -> ((StubTarget) d.target()).held);
        }

        @Override
        public void post() {
            posted.add(this);
        }

        void run() {
            progress.started();
            for (int i = 0; i < descriptors.size(); i++) {
                Descriptor d = descriptors.get(i);
                StubTarget target = (StubTarget) d.target();
                long offset = progress.targetOffset(i);
                if (progress.isCancelRequested()) {
                    progress.fail(i, new FerryException(ErrorCode.CANCELLED, "cancelled"));
                } else if (offset + d.length() > target.bytes.length) {
                    progress.fail(i, new FerryException(ErrorCode.OUT_OF_RANGE, "past the end of " + target.describe()));
                } else if (target.failingOffset >= offset && target.failingOffset < offset + d.length()) {
                    progress.fail(i, new FerryException(ErrorCode.IO_ERROR, "injected failure at " + target.failingOffset));
                } else if (op == TransferOp.READ) {
                    MemorySegment.copy(MemorySegment.ofArray(target.bytes), offset, d.memory(), 0, d.length());
                } else {
                    MemorySegment.copy(d.memory(), 0, MemorySegment.ofArray(target.bytes), offset, d.length());
                }
            }
            progress.completed();
        }

        @Override
        public void checkRetarget(int index, long targetOffset) {
        }

        @Override
        public void release() {
        }
    }
}
