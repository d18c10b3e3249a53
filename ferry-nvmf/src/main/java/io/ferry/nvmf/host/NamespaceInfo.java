package io.ferry.nvmf.host;

/**
 * What Identify Namespace said of one namespace.
 *
 * @param nsid      the namespace id
 * @param blocks    NSZE, the size in logical blocks
 * @param blockSize bytes per logical block (of the format in use)
 */
public record NamespaceInfo(int nsid, long blocks, int blockSize) {
    /** The size in bytes. */
    public long bytes() {
        return blocks * blockSize;
    }
}
