/**
 * The NVMe/TCP host (initiator) as a transfer backend: {@link io.ferry.nvmf.host.NvmeBackend} opens
 * namespaces named {@code nvme+tcp://HOST:PORT/SUBNQN/NSID} ({@link io.ferry.nvmf.host.NvmeAddress})
 * as targets of descriptors, identifies controllers and reads discovery logs. Nothing here starts a
 * thread: the backend's component runs on a poll group like every other backend's.
 */
package io.ferry.nvmf.host;
