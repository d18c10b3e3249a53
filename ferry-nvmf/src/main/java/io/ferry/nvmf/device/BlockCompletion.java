package io.ferry.nvmf.device;

/** Told that a {@link BlockChannel} operation completed; primitives only, so nothing is allocated. */
@FunctionalInterface
public interface BlockCompletion {
    /**
     * @param tag    the tag given at submission
     * @param status 0 on success, else a negated errno
     */
    void complete(long tag, int status);
}
