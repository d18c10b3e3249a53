package io.ferry.nvmf.device;

/** Told that a {@link BlockChannel} operation completed; primitives only, so nothing is allocated. */
@FunctionalInterface
public interface BlockCompletion {
    /**
     * Called once an operation completed, with the tag it was submitted with and its status.
     *
     * @param tag    the tag given at submission
     * @param status 0 on success, else a negated errno
     */
    void complete(long tag, int status);
}
