package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.Target;
import io.ferry.spi.TargetUse;


/**
 * A namespace of a remote NVMe/TCP controller, opened by {@link NvmeBackend#open}: descriptors
 * name byte ranges of it. Any byte offset and length within {@link #size()} may be used; partial
 * logical blocks are handled by the backend. The controller connections (admin queue and one I/O
 * queue per poll group) belong to this namespace and are closed with it.
 */
public final class NvmeNamespace implements Target {
    private final NvmeBackend backend;
    private final NvmeAddress address;
    private final HostController controller;
    private final ControllerInfo controllerInfo;
    private final NamespaceInfo info;
    private final TargetUse use = new TargetUse();

    NvmeNamespace(NvmeBackend backend, NvmeAddress address, HostController controller) {
        this.backend = backend;
        this.address = address;
        this.controller = controller;
        this.controllerInfo = controller.controllerInfo();
        this.info = controller.namespaceInfo();
    }

    NvmeBackend backend() {
        return backend;
    }

    /** Its controller; whose parts each belong to one engine's thread. */
    HostController controller() {
        return controller;
    }

    /** The address the namespace was opened at. */
    public NvmeAddress address() {
        return address;
    }

    /** What the controller said of itself when the namespace was opened. */
    public ControllerInfo controllerInfo() {
        return controllerInfo;
    }

    /** Blocks, block size and id. */
    public NamespaceInfo info() {
        return info;
    }

    /** The namespace's logical block size in bytes, as {@link #info()} holds it. */
    public int blockSize() {
        return info.blockSize();
    }

    @Override
    public String describe() {
        return "namespace " + address;
    }

    @Override
    public long size() {
        return info.bytes();
    }

    @Override
    public boolean isOpen() {
        return use.isOpen();
    }

    void postStarted() {
        use.postStarted();
    }

    void postEnded() {
        use.postEnded();
    }

    /**
     * Closes the namespace and its controller connection. Refused while a transfer that uses it is
     * in flight; prepared transfers that use it fail with {@link ErrorCode#CLOSED} when posted.
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        if (use.close(describe())) {
            backend.closed(this);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
