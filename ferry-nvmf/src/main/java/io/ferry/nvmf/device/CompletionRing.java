package io.ferry.nvmf.device;

/**
 * Completions of operations a channel performed at submission, kept until its next poll so that
 * nobody is called back from inside a submitting call. Bounded by the channel's depth.
 */
final class CompletionRing {
    private final long[] tags;
    private final int[] statuses;
    private int head;
    private int count;

    CompletionRing(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        tags = new long[depth];
        statuses = new int[depth];
    }

    boolean isFull() {
        return count == tags.length;
    }

    int size() {
        return count;
    }

    /** Records a completion; the caller checked {@link #isFull()}. */
    void add(long tag, int status) {
        int slot = (head + count) % tags.length;
        tags[slot] = tag;
        statuses[slot] = status;
        count++;
    }

    /** Delivers what was recorded before this call; returns how many. */
    int drain(BlockCompletion completion) {
        int n = count;
        for (int i = 0; i < n; i++) {
            long tag = tags[head];
            int status = statuses[head];
            head = (head + 1) % tags.length;
            count--;
            completion.complete(tag, status);
        }
        return n;
    }
}
