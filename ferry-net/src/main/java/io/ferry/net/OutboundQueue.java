package io.ferry.net;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What a connection still has to send, in order: pieces of memory and ranges of files, each with a
 * token reported back once all of it was written. Kept in parallel arrays used as a ring, so
 * queueing and writing allocate nothing once the ring has grown to the connection's usual depth.
 * Memory pieces go out with gathering writes of up to {@link #MAX_IOVECS} pieces; file ranges with
 * sendfile(2), without passing through user space.
 */
final class OutboundQueue {
    /** Tokens at or below this value are not reported. */
    static final long NO_TOKEN = -1;
    static final int MAX_IOVECS = 64;
    static final long IOVEC_SIZE = 16;

    /** Told when a piece was written whole. */
    interface Sent {
        void sent(long token);
    }

    private long[] address = new long[16];
    private long[] remaining = new long[16];
    private long[] token = new long[16];
    private int[] fileFd = new int[16];
    /** The segment or other owner of a memory piece: kept reachable until written. */
    private Object[] owner = new Object[16];
    private int head;
    private int count;
    private long bytes;
    private long gathered;

    boolean isEmpty() {
        return count == 0;
    }

    /** Bytes queued and not yet written. */
    long bytes() {
        return bytes;
    }

    void addMemory(Object keepAlive, long memoryAddress, long length, long sentToken) {
        int slot = claim();
        address[slot] = memoryAddress;
        remaining[slot] = length;
        token[slot] = sentToken;
        fileFd[slot] = -1;
        owner[slot] = keepAlive;
        bytes += length;
    }

    /** A range of an open file: {@code fd} must stay open until the token is reported. */
    void addFile(int fd, long offset, long length, long sentToken) {
        int slot = claim();
        address[slot] = offset;
        remaining[slot] = length;
        token[slot] = sentToken;
        fileFd[slot] = fd;
        owner[slot] = null;
        bytes += length;
    }

    private int claim() {
        if (count == address.length) {
            grow();
        }
        int slot = (head + count) & (address.length - 1);
        count++;
        return slot;
    }

    private void grow() {
        int capacity = address.length;
        address = unwrapped(address, capacity * 2);
        remaining = unwrapped(remaining, capacity * 2);
        token = unwrapped(token, capacity * 2);
        fileFd = unwrapped(fileFd, capacity * 2);
        Object[] owners = new Object[capacity * 2];
        for (int i = 0; i < count; i++) {
            owners[i] = owner[(head + i) & (capacity - 1)];
        }
        owner = owners;
        head = 0;
    }

    private long[] unwrapped(long[] ring, int capacity) {
        long[] copy = new long[capacity];
        for (int i = 0; i < count; i++) {
            copy[i] = ring[(head + i) & (ring.length - 1)];
        }
        return copy;
    }

    private int[] unwrapped(int[] ring, int capacity) {
        int[] copy = new int[capacity];
        for (int i = 0; i < count; i++) {
            copy[i] = ring[(head + i) & (ring.length - 1)];
        }
        return copy;
    }

    /** Whether the oldest piece is a file range. */
    boolean headIsFile() {
        return fileFd[head] >= 0;
    }

    int headFileFd() {
        return fileFd[head];
    }

    long headAddressOrOffset() {
        return address[head];
    }

    long headRemaining() {
        return remaining[head];
    }

    /**
     * Describes the leading memory pieces (up to the first file range, at most {@link #MAX_IOVECS})
     * as struct iovecs in {@code iovecs}; returns how many.
     */
    int gather(MemorySegment iovecs) {
        int limit = Math.min(count, MAX_IOVECS);
        int capacity = address.length;
        // Two straight runs of the ring (to its end, then from its start) rather than one masked
        // index: C2 speculated on the masked loop with a profile predicate that failed again and
        // again, recompiling this method about 70 times over several seconds (docs/design/nvmf.md).
        int firstRun = Math.min(limit, capacity - head);
        gathered = 0;
        int n = describe(iovecs, 0, head, firstRun);
        if (n == firstRun && n < limit) {
            n += describe(iovecs, n, 0, limit - n);
        }
        return n;
    }

    /** Describes up to {@code pieces} memory pieces from ring slot {@code from} as iovecs from index {@code at}; stops at a file range. */
    private int describe(MemorySegment iovecs, int at, int from, int pieces) {
        for (int i = 0; i < pieces; i++) {
            int slot = from + i;
            if (fileFd[slot] >= 0) {
                return i;
            }
            long offset = (at + i) * IOVEC_SIZE;
            iovecs.set(JAVA_LONG, offset, address[slot]);
            iovecs.set(JAVA_LONG, offset + 8, remaining[slot]);
            gathered += remaining[slot];
        }
        return pieces;
    }

    /** The bytes the last {@link #gather} described. */
    long gatheredBytes() {
        return gathered;
    }

    /** Marks {@code written} bytes from the front as sent; reports each piece that is now complete. */
    void consumed(long written, Sent sent) {
        bytes -= written;
        while (written > 0) {
            long left = remaining[head];
            if (written < left) {
                remaining[head] = left - written;
                address[head] += written;
                return;
            }
            written -= left;
            long done = token[head];
            pop();
            if (done > NO_TOKEN) {
                sent.sent(done);
            }
        }
    }

    private void pop() {
        owner[head] = null;
        head = (head + 1) & (address.length - 1);
        count--;
    }

    /** Drops every piece without reporting it (the connection closed); returns the tokens dropped, oldest first. */
    long[] clear() {
        long[] dropped = new long[count];
        int n = 0;
        while (count > 0) {
            if (token[head] > NO_TOKEN) {
                dropped[n++] = token[head];
            }
            pop();
        }
        bytes = 0;
        return Arrays.copyOf(dropped, n);
    }

    /** For messages: the size of a struct iovec array of {@link #MAX_IOVECS} entries. */
    static long iovecArraySize() {
        return MAX_IOVECS * IOVEC_SIZE;
    }
}
