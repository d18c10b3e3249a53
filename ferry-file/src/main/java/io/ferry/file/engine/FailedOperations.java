package io.ferry.file.engine;

import io.ferry.spi.CompletionHandler;

/**
 * Operations an engine could not hand to the kernel (its system call failed), completed with the
 * negated errno on the next reap like any other result: an engine failure fails the operations it
 * concerns, and the backend names their descriptors, instead of an exception leaving them in
 * flight. Preallocated for the queue's capacity; nothing is allocated per failure.
 */
final class FailedOperations {
    private final long[] userData;
    private final int[] errno;
    private int count;

    FailedOperations(int capacity) {
        userData = new long[capacity];
        errno = new int[capacity];
    }

    void add(long operation, int errnoValue) {
        userData[count] = operation;
        errno[count++] = errnoValue;
    }

    /** Completes every failed operation; returns how many. */
    int drain(CompletionHandler handler) {
        int drained = count;
        count = 0;
        for (int i = 0; i < drained; i++) {
            handler.complete(userData[i], -errno[i]);
        }
        return drained;
    }
}
