package io.ferry.stream.source;

import io.ferry.stream.wire.Manifest;

/**
 * What the in-memory sources share: one unnamed destination of a known size (the destination itself),
 * a position counter that a resume moves, and nothing to close.
 */
abstract class SingleSource implements Source {
    private final Manifest manifest;
    /** Meaning per source: see {@link Source#position()} and the subclass. */
    protected long position;

    SingleSource(long size) {
        this.manifest = Manifest.single(size, 0644);
    }

    @Override
    public final Manifest manifest() {
        return manifest;
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final void seek(long position) {
        this.position = position;
    }

    @Override
    public void close() {
    }
}
