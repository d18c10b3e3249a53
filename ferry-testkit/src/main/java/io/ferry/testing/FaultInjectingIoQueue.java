package io.ferry.testing;

import io.ferry.internal.Errno;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;
import io.ferry.spi.RegisteredIo;

import java.util.ArrayDeque;

/**
 * An {@link IoQueue} decorator that makes an engine misbehave in the ways real engines do, so that
 * a backend can be shown to cope: submits that take only some operations, submits refused as busy,
 * short reads and writes, {@code EAGAIN} completions, and an errno on a chosen operation. Faults
 * are configured before use; operations are numbered from 1 in the order they are submitted.
 * Owned by one thread, like the queue it wraps.
 */
public final class FaultInjectingIoQueue implements IoQueue {
    private final IoQueue inner;
    private final ArrayDeque<long[]> pending = new ArrayDeque<>();
    private final ArrayDeque<long[]> injected = new ArrayDeque<>();
    private int outstanding;
    private int acceptAtMost = Integer.MAX_VALUE;
    private int refuseSubmitEvery;
    private int shortTransferBytes;
    private int eagainEvery;
    private long failOperation;
    private int failErrno;
    private long operations;
    private long submitCalls;
    private long partialSubmits;
    private long faultsInjected;

    public FaultInjectingIoQueue(IoQueue inner) {
        this.inner = inner;
    }

    /** Each submit hands at most {@code count} operations to the engine (partial submission). */
    public FaultInjectingIoQueue acceptAtMost(int count) {
        this.acceptAtMost = count;
        return this;
    }

    /** Every {@code n}-th submit takes nothing, as an engine that answers EAGAIN to the submit call. */
    public FaultInjectingIoQueue refuseSubmitEvery(int n) {
        this.refuseSubmitEvery = n;
        return this;
    }

    /** Each operation moves at most {@code bytes} bytes (short reads and writes). */
    public FaultInjectingIoQueue shortTransfers(int bytes) {
        this.shortTransferBytes = bytes;
        return this;
    }

    /** Every {@code n}-th operation completes with {@code -EAGAIN} without being performed. */
    public FaultInjectingIoQueue eagainEvery(int n) {
        this.eagainEvery = n;
        return this;
    }

    /** Operation number {@code operation} (from 1) completes with {@code -errno} without being performed. */
    public FaultInjectingIoQueue failOperation(long operation, int errno) {
        this.failOperation = operation;
        this.failErrno = errno;
        return this;
    }

    @Override
    public int capacity() {
        return inner.capacity();
    }

    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, long userData) {
        return enqueue(opcode, fd, fileOffset, address, length, -1, userData);
    }

    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, int buffer, long userData) {
        if (outstanding == capacity()) {
            return false;
        }
        outstanding++;
        pending.add(new long[] {opcode, fd, fileOffset, address, length, userData, buffer});
        return true;
    }

    @Override
    public int submit() {
        submitCalls++;
        if (refuseSubmitEvery > 0 && submitCalls % refuseSubmitEvery == 0) {
            return 0;
        }
        int taken = 0;
        while (taken < acceptAtMost && !pending.isEmpty()) {
            long[] op = pending.poll();
            operations++;
            taken++;
            int errno = injectedErrno();
            if (errno != 0) {
                faultsInjected++;
                injected.add(new long[] {op[5], -errno});
                continue;
            }
            int length = (int) op[4];
            if (shortTransferBytes > 0 && length > shortTransferBytes) {
                length = shortTransferBytes;
                faultsInjected++;
            }
            inner.enqueue((int) op[0], (int) op[1], op[2], op[3], length, (int) op[6], op[5]);
        }
        if (!pending.isEmpty()) {
            partialSubmits++;
        }
        inner.submit();
        return taken;
    }

    private int injectedErrno() {
        if (operations == failOperation) {
            return failErrno;
        }
        if (eagainEvery > 0 && operations % eagainEvery == 0) {
            return Errno.EAGAIN;
        }
        return 0;
    }

    @Override
    public int reap(CompletionHandler handler) {
        int count = 0;
        long[] completion;
        while ((completion = injected.poll()) != null) {
            outstanding--;
            count++;
            handler.complete(completion[0], completion[1]);
        }
        int reaped = inner.reap(handler);
        outstanding -= reaped;
        return count + reaped;
    }

    @Override
    public void fileOpened(int fd) {
        inner.fileOpened(fd);
    }

    @Override
    public void fileClosing(int fd) {
        inner.fileClosing(fd);
    }

    @Override
    public void bufferRegistered(int buffer, long address, long length) {
        inner.bufferRegistered(buffer, address, length);
    }

    @Override
    public void bufferDeregistering(int buffer) {
        inner.bufferDeregistering(buffer);
    }

    @Override
    public RegisteredIo registeredIo() {
        return inner.registeredIo();
    }

    @Override
    public void close() {
        inner.close();
    }

    /** Operations handed on (or failed) so far. */
    public long operations() {
        return operations;
    }

    /** Submits that left operations behind. */
    public long partialSubmits() {
        return partialSubmits;
    }

    /** Faults injected so far (errno completions and shortened operations). */
    public long faultsInjected() {
        return faultsInjected;
    }
}
