package io.ferry.spi;

/** Receives completions reaped from an {@link IoQueue}; primitives only, so nothing is allocated. */
@FunctionalInterface
public interface CompletionHandler {
    /**
     * One completion.
     *
     * @param userData the value given to {@link IoQueue#enqueue}
     * @param result   bytes transferred (may be fewer than asked), or a negated errno
     */
    void complete(long userData, long result);
}
